using System.Text;
using Confluent.Kafka;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Kafka;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

/// <summary>
/// What every scenario must end with, whatever happened on the way: the topic holds exactly the planned records; the
/// rows in MySQL equal the independent recomputation (final for every closed window, live for the open ones); the
/// partitions' counters count every record once; the dead-letter topic holds exactly the bad records, each with its
/// reason and source; and the consumer group has committed every partition's end.
/// </summary>
public static class Exactness
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);

    public static async Task AssertAsync(PipelineRun run, Replays replays)
    {
        var source = run.Reader.ReadAll(run.Target.Topic, EventScript.Partitions);
        AssertTopicHoldsThePlan(run.Script, source);

        var logEnds = run.Reader.HighWatermarks(run.Target.Topic, EventScript.Partitions);
        var ends = TopicReader.RecordEnds(source, logEnds);
        var watermark = await run.Probe.WaitUntilSettledAsync(ends, SettleTimeout);
        run.Log($"settled: stream watermark {Recomputation.Iso(watermark)}, {source.Count} records in the topic");
        Assert.Equal(run.Script.Counted.Max(e => e.Time) - EventScript.AllowedLateness, watermark);

        await AssertRowsAsync(run, watermark);
        await AssertCountersAsync(run, replays);
        AssertDeadLetters(run, source, replays);
        await Polling.UntilAsync(
            () => Task.FromResult(run.Reader.Committed(run.Target.ConsumerGroup, run.Target.Topic, EventScript.Partitions)
                .Select((committed, partition) => committed >= ends[partition] && committed <= logEnds[partition]).All(done => done)),
            TimeSpan.FromSeconds(20),
            // Past the last record; a trailing transaction marker may still lie beyond it (the partition commits its next offset).
            "the consumer group committed the end of every partition's records",
            () => $"Committed {string.Join(",", run.Reader.Committed(run.Target.ConsumerGroup, run.Target.Topic, EventScript.Partitions))} of {string.Join(",", ends)}.");
    }

    /// <summary>Each partition holds its planned records once, in plan order: whichever client wrote them, however often it retried.</summary>
    private static void AssertTopicHoldsThePlan(EventScript script, IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> source)
    {
        for (var partition = 0; partition < EventScript.Partitions; partition++)
        {
            var planned = script.Records.Where(r => r.Partition == partition).Select(r => r.Key).ToList();
            var stored = source.Where(r => r.Partition.Value == partition).Select(r => Convert.ToBase64String(r.Message.Value ?? [])).ToList();
            Assert.True(planned.SequenceEqual(stored), $"Partition {partition} holds {stored.Count} records, {planned.Count} were planned, or not in plan order.");
        }
    }

    private static async Task AssertRowsAsync(PipelineRun run, long watermark)
    {
        var expected = Recomputation.Rank(run.Script.Counted, TestCharacters.All, EventScript.WindowSize, EventScript.TopN);
        var expectedClosed = expected.Where(r => r.WindowStart + EventScript.WindowSize <= watermark).Order(Recomputation.RowOrder).ToList();
        var expectedOpen = expected.Where(r => r.WindowStart + EventScript.WindowSize > watermark).Order(Recomputation.RowOrder).ToList();
        Assert.True(expectedClosed.Count >= 100, $"only {expectedClosed.Count} rows of closed windows: the scenario proves little");
        Assert.NotEmpty(expectedOpen);

        // Closed windows: exactly the recomputed rows, every one final. No row of a closed window is left non-final.
        var rows = await run.Database.ReadRowsAsync();
        Assert.All(rows, row => Assert.Equal(row.WindowStart + EventScript.WindowSize, row.WindowEnd));
        var closed = rows.Where(row => row.WindowEnd <= watermark).ToList();
        Assert.All(closed, row => Assert.True(row.IsFinal, $"row {row} of a closed window is not final"));
        Assert.Equal(expectedClosed, closed.Select(ToRecomputed).Order(Recomputation.RowOrder).ToList());
        run.Log($"{closed.Count} final rows of {closed.Select(r => (r.WindowStart, r.Label)).Distinct().Count()} closed (window, saga) pairs equal the recomputation");

        // Open windows: non-final rows that catch up with the counts within a few flushes.
        IReadOnlyList<StoredRow> open = [];
        await Polling.UntilAsync(
            async () =>
            {
                open = (await run.Database.ReadRowsAsync()).Where(row => row.WindowEnd > watermark).ToList();
                return open.All(row => !row.IsFinal) && open.Select(ToRecomputed).Order(Recomputation.RowOrder).SequenceEqual(expectedOpen);
            },
            TimeSpan.FromSeconds(15),
            "the rows of the open windows equal the recomputation",
            () => $"Expected {expectedOpen.Count} open rows, stored {open.Count} ({open.Count(r => r.IsFinal)} final).");
    }

    private static async Task AssertCountersAsync(PipelineRun run, Replays replays)
    {
        var script = run.Script;
        var counters = await run.Probe.CountersAsync();
        var names = TestCharacters.All.Select(c => c.Name).ToList();
        var rejected = script.Rejected.GroupBy(r => r.Rejection!).ToDictionary(g => g.Key, g => (long)g.Count());

        Assert.Equal(script.Records.Count, counters.Consumed);
        Assert.Equal(script.Counted.Count, counters.Counted);
        Assert.Equal(script.Counted.Sum(e => (long)Recomputation.Mentions(e.Text, names).Count), counters.Mentions);
        Assert.Equal(rejected.OrderBy(r => r.Key), counters.RejectedByReason.OrderBy(r => r.Key));
        Assert.Equal(rejected.Values.Sum(), counters.DeadLettered);
        if (replays == Replays.None)
        {
            Assert.Equal(0, counters.Duplicates);
        }

        run.Log($"counters: consumed {counters.Consumed}, counted {counters.Counted}, rejected {counters.Rejected} "
            + $"({string.Join(", ", counters.RejectedByReason.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"))}), replayed records skipped {counters.Duplicates}");
    }

    /// <summary>
    /// Every dead letter is a planned bad record with its reason, its headers point at that very record in the
    /// source topic, and every bad record is there: once, or at least once where records are reprocessed.
    /// </summary>
    private static void AssertDeadLetters(PipelineRun run, IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> source, Replays replays)
    {
        var sourceValues = source.ToDictionary(r => (r.Partition.Value, r.Offset.Value), r => r.Message.Value ?? []);
        var planned = run.Script.Rejected.ToDictionary(r => r.Key);
        var letters = run.Reader.ReadAll(run.Target.DeadLetterTopic, partitions: 1);
        var times = new Dictionary<string, int>();
        foreach (var letter in letters)
        {
            var value = letter.Message.Value ?? [];
            var key = Convert.ToBase64String(value);
            Assert.True(planned.TryGetValue(key, out var record), $"dead letter at {letter.Offset} is no planned bad record: {Encoding.UTF8.GetString(value)}");
            Assert.Equal(record.Rejection, Header(letter, DeadLetterHeaders.Reason));
            Assert.Equal(run.Target.Topic, Header(letter, DeadLetterHeaders.SourceTopic));
            var position = (int.Parse(Header(letter, DeadLetterHeaders.SourcePartition)), long.Parse(Header(letter, DeadLetterHeaders.SourceOffset)));
            Assert.Equal(record.Partition, position.Item1);
            Assert.Equal(value, sourceValues[position]);
            Assert.NotEmpty(Header(letter, DeadLetterHeaders.Detail));
            times[key] = times.GetValueOrDefault(key) + 1;
        }

        var missing = planned.Keys.Except(times.Keys).ToList();
        if (missing.Count > 0)
        {
            var example = planned[missing[0]];
            Assert.Fail($"{missing.Count} bad records never reached the dead-letter topic, e.g. a {example.Rejection} record of partition {example.Partition}");
        }

        var repeated = times.Count(t => t.Value > 1);
        if (replays != Replays.Reprocessed)
        {
            Assert.True(repeated == 0, $"{repeated} bad records were dead-lettered more than once though no record was processed twice");
        }

        run.Log($"dead letters: {letters.Count} for {planned.Count} bad records ({repeated} dead-lettered again after a replay)");
    }

    private static string Header(ConsumeResult<byte[]?, byte[]?> letter, string name) =>
        letter.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : throw new Xunit.Sdk.XunitException($"dead letter at {letter.Offset} has no {name} header");

    private static Recomputation.Row ToRecomputed(StoredRow row) => new(row.WindowStart, row.Label, row.Character, row.Count, row.Rank);
}
