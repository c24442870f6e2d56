using System.Text;
using Orleans.Saga.Grains.Tests.Infrastructure;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;

/// <summary>
/// The records of one test, planned round by round from a seed, and what the pipeline must make of them.
/// </summary>
/// <remarks>
/// Event time starts 12 hours ago and advances by under 3 s per event, events running up to 2 minutes out of order,
/// so a round of 240 events spans about 6 minutes. The tests never let a partition fall more than two rounds behind
/// the others (they wait until a round is processed before producing the one after next), and 2 × 6 + 2 minutes stay
/// well under the 20 minutes of allowed lateness: however long a partition stalls, and even while it counts as idle,
/// its on-time events can never find their window closed. Every window the stream closes is therefore
/// deterministic, and equals the recomputation.
/// </remarks>
public sealed class EventScript
{
    public const int Partitions = 4;
    public const long WindowSize = 300;
    public const long AllowedLateness = 1200;
    public const int TopN = 5;

    /// <summary>The pipeline's <c>Saga:MaxEventBytes</c> in these tests; the oversize records exceed it.</summary>
    public const int MaxEventBytes = 4096;

    private const int EventsPerRound = 240;
    private const int MaxStepMilliseconds = 3000;
    private const int MaxDisorderSeconds = 120;
    private const int BadRecordsPerRound = 4;
    private const int LateRecordsPerRound = 25;

    private readonly EventGenerator _generator;
    private readonly long _now;
    private readonly List<(long Time, string Text)> _counted = [];
    private readonly List<PlannedRecord> _records = [];
    private double _cursor;
    private int _badRecords;

    public EventScript(int seed)
    {
        _generator = new EventGenerator(seed);
        _now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Start = (_now - 12 * 3600) / WindowSize * WindowSize;
        _cursor = Start;
    }

    /// <summary>Event time of the first round, aligned to a window.</summary>
    public long Start { get; }

    /// <summary>The events the pipeline must count: time and text.</summary>
    public IReadOnlyList<(long Time, string Text)> Counted => _counted;

    /// <summary>Every record planned so far, in plan order.</summary>
    public IReadOnlyList<PlannedRecord> Records => _records;

    public IEnumerable<PlannedRecord> Rejected => _records.Where(record => record.Rejection is not null);

    /// <summary>
    /// The next round: on-time events with a few bad records among them, and with <paramref name="lateBefore"/> also
    /// late events of windows that end by then (the caller makes sure every partition has sealed that far).
    /// </summary>
    public IReadOnlyList<PlannedRecord> NextRound(long? lateBefore = null)
    {
        var round = new List<PlannedRecord>();
        for (var i = 0; i < EventsPerRound; i++)
        {
            _cursor += _generator.Next(MaxStepMilliseconds) / 1000.0;
            var time = (long)_cursor - _generator.Next(MaxDisorderSeconds);
            var text = _generator.Text();
            _counted.Add((time, text));
            round.Add(new PlannedRecord(_generator.Next(Partitions), Utf8(_generator.Json(time, text)), Rejection: null));
        }

        for (var i = 0; i < BadRecordsPerRound; i++)
        {
            var (reason, value) = BadRecord(_badRecords++, (long)_cursor);
            Insert(round, new PlannedRecord(_generator.Next(Partitions), value, reason));
        }

        if (lateBefore is { } sealedThrough)
        {
            // A window [s, s + size) with s + size <= sealedThrough is closed in every partition.
            var span = (int)(sealedThrough - WindowSize - Start);
            for (var i = 0; i < LateRecordsPerRound; i++)
            {
                var value = Utf8(_generator.Json(Start + _generator.Next(span), _generator.Text()));
                Insert(round, new PlannedRecord(_generator.Next(Partitions), value, "late"));
            }
        }

        _records.AddRange(round);
        return round;
    }

    /// <summary>The <paramref name="n"/>th bad record: each kind of rejection in turn, each value unique.</summary>
    private (string Reason, byte[] Value) BadRecord(int n, long time) => (n % 8) switch
    {
        0 => ("malformed_json", Utf8($$"""{"id":"bad-{{n}}","time":""")),
        1 => ("not_an_object", Utf8($"""["bad-{n}", "Gandalf"]""")),
        2 => ("missing_id", Utf8($$"""{"time":{{time}},"text":"bad-{{n}} Gandalf"}""")),
        3 => ("invalid_time", Utf8($$"""{"id":"bad-{{n}}","time":"{{time}}","text":"Gandalf"}""")),
        4 => ("missing_text", Utf8($$"""{"id":"bad-{{n}}","time":{{time}}}""")),
        5 => ("invalid_utf8", [.. Utf8($$"""{"id":"bad-{{n}}","time":{{time}},"text":"Gandalf """), 0xC3, 0x28, .. Utf8("\"}")]),
        6 => ("oversize", Utf8($$"""{"id":"bad-{{n}}","time":{{time}},"text":"Gandalf {{new string('x', MaxEventBytes)}}"}""")),
        // Three hours ahead of wall time: past MaxFutureSkew (one hour).
        _ => ("future", Utf8($$"""{"id":"bad-{{n}}","time":{{_now + 3 * 3600}},"text":"Gandalf and Harry"}""")),
    };

    private void Insert(List<PlannedRecord> round, PlannedRecord record) => round.Insert(_generator.Next(round.Count + 1), record);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
