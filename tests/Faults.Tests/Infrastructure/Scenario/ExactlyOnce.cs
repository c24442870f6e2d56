using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Kafka;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Orleans.Saga.Faults.Tests.Infrastructure.Servers;
using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Scenario;

/// <summary>
/// What a scenario must end with, however the fault struck: the topic holds the script's records in order; every
/// window the stream closed has final rows that equal the independent recomputation (ranked over every character, so
/// each count is compared) and no row left non-final; and the dead-letter topic holds the bad records and nothing else
/// (each at least once: a bad record replayed after a crash is dead-lettered again, and the copies are counted).
/// </summary>
public static class ExactlyOnce
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(90);

    public static async Task<Verdict> JudgeAsync(EventScript script, TopicReader reader, ScenarioDatabase database, string topic, string deadLetterTopic)
    {
        var source = reader.ReadAll(topic, EventScript.Partitions);
        var held = RecordsTheTopicHolds(script, source);

        // With no partition idle, the stream watermark ends at the slowest partition's: every window ending by then closes.
        var watermark = Enumerable.Range(0, EventScript.Partitions).Min(partition => script.Records
            .Where(record => record.Partition == partition && record.Rejection is null)
            .Max(EventTime)) - SiloSettings.AllowedLateness;
        var counted = held.Where(record => record.Rejection is null).Select(CountedEvent).ToList();
        var expected = Recomputation.Rank(counted, TestCharacters.All, EventScript.WindowSize, SiloSettings.TopN);
        var mustClose = expected.Where(row => row.WindowStart + EventScript.WindowSize <= watermark).Select(row => (row.WindowStart, row.Label)).ToHashSet();

        var rows = await WaitUntilClosedAsync(database, mustClose);
        var closedPairs = rows.Where(row => row.IsFinal || row.WindowEnd <= watermark).Select(row => (row.WindowStart, row.Label)).ToHashSet();
        var stored = rows.Where(row => closedPairs.Contains((row.WindowStart, row.Label))).ToList();
        var wanted = expected.Where(row => closedPairs.Contains((row.WindowStart, row.Label))).ToList();
        var (lost, doubled) = CompareCounts(wanted, stored);

        var (letters, distinct) = CheckDeadLetters(script, held.Count(record => record.Rejection is not null), source, reader.ReadAll(deadLetterTopic, partitions: 1));
        return new Verdict(
            Records: script.Records.Count,
            BrokerDuplicates: held.Count - script.Records.Count,
            BadRecords: script.Rejected.Count(),
            ClosedPairs: closedPairs.Count,
            Lost: lost,
            Doubled: doubled,
            NonFinalRows: stored.Count(row => !row.IsFinal),
            RowsMatch: wanted.Order(Recomputation.RowOrder).SequenceEqual(stored.Select(ToRecomputed).Order(Recomputation.RowOrder)),
            DeadLetters: letters,
            DeadLetterDuplicates: letters - distinct);
    }

    /// <summary>
    /// The planned record behind each record the topic holds. Each partition holds its planned records in plan order,
    /// whatever outages the producer rode out, and nothing else — but possibly a record twice: the producer is
    /// idempotent, yet the dev broker (librdkafka's mock cluster) has been seen to store a retried record again across
    /// a simulated outage. Such a copy is a record like any other, with an offset of its own, so it is judged as one.
    /// </summary>
    private static IReadOnlyList<PlannedRecord> RecordsTheTopicHolds(EventScript script, IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> source)
    {
        var held = new List<PlannedRecord>();
        for (var partition = 0; partition < EventScript.Partitions; partition++)
        {
            var planned = script.Records.Where(r => r.Partition == partition).ToList();
            var taken = new Dictionary<string, PlannedRecord>();
            var next = 0;
            foreach (var stored in source.Where(r => r.Partition.Value == partition))
            {
                var key = Convert.ToBase64String(stored.Message.Value ?? []);
                if (next < planned.Count && planned[next].Key == key)
                {
                    taken[key] = planned[next++];
                    held.Add(taken[key]);
                }
                else
                {
                    Assert.True(taken.TryGetValue(key, out var copy), $"Partition {partition} offset {stored.Offset}: not the next planned record ({next} of {planned.Count}) nor a copy of an earlier one.");
                    held.Add(copy);
                }
            }

            Assert.True(next == planned.Count, $"Partition {partition} holds {next} of its {planned.Count} planned records.");
        }

        return held;
    }

    private static async Task<IReadOnlyList<StoredRow>> WaitUntilClosedAsync(ScenarioDatabase database, IReadOnlySet<(long, string)> mustClose)
    {
        var deadline = DateTime.UtcNow + CloseTimeout;
        while (true)
        {
            var rows = await database.ReadRowsAsync();
            var final = rows.Where(row => row.IsFinal).Select(row => (row.WindowStart, row.Label)).ToHashSet();
            if (mustClose.IsSubsetOf(final))
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{mustClose.Count(pair => !final.Contains(pair))} of {mustClose.Count} (window, saga) pairs that must close have no final rows after {CloseTimeout}.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Mentions the stored rows miss, and mentions they hold beyond the recomputation, per (window, saga, character).</summary>
    private static (long Lost, long Doubled) CompareCounts(IEnumerable<Recomputation.Row> expected, IEnumerable<StoredRow> stored)
    {
        var want = expected.ToDictionary(row => (row.WindowStart, row.Label, row.Character), row => row.Count);
        var have = stored.GroupBy(row => (row.WindowStart, row.Label, row.Character)).ToDictionary(g => g.Key, g => g.Sum(row => row.Count));
        long lost = 0, doubled = 0;
        foreach (var key in want.Keys.Union(have.Keys))
        {
            var difference = have.GetValueOrDefault(key) - want.GetValueOrDefault(key);
            lost += Math.Max(0, -difference);
            doubled += Math.Max(0, difference);
        }

        return (lost, doubled);
    }

    /// <summary>
    /// Every dead letter is a bad record of the script, with its reason, pointing at that very record in the source;
    /// every bad record is there. Returns the letters and the distinct source records they stand for.
    /// </summary>
    private static (int Letters, int Distinct) CheckDeadLetters(
        EventScript script, int badHeld, IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> source, IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> letters)
    {
        var sourceValues = source.ToDictionary(r => (r.Partition.Value, r.Offset.Value), r => r.Message.Value ?? []);
        var bad = script.Rejected.ToDictionary(r => r.Key);
        var positions = new HashSet<(int, long)>();
        foreach (var letter in letters)
        {
            var value = letter.Message.Value ?? [];
            Assert.True(bad.TryGetValue(Convert.ToBase64String(value), out var record), $"dead letter at {letter.Offset} is no bad record of the script: {Encoding.UTF8.GetString(value)}");
            Assert.Equal(record.Rejection, Header(letter, DeadLetterHeaders.Reason));
            var position = (int.Parse(Header(letter, DeadLetterHeaders.SourcePartition)), long.Parse(Header(letter, DeadLetterHeaders.SourceOffset)));
            Assert.Equal(record.Partition, position.Item1);
            Assert.Equal(value, sourceValues[position]);
            positions.Add(position);
        }

        Assert.True(positions.Count == badHeld, $"{badHeld - positions.Count} of the {badHeld} bad records in the topic never reached the dead-letter topic");
        return (letters.Count, positions.Count);
    }

    private static long EventTime(PlannedRecord record)
    {
        using var json = JsonDocument.Parse(record.Value);
        return json.RootElement.GetProperty("time").GetInt64();
    }

    private static (long Time, string Text) CountedEvent(PlannedRecord record)
    {
        using var json = JsonDocument.Parse(record.Value);
        return (json.RootElement.GetProperty("time").GetInt64(), json.RootElement.GetProperty("text").GetString()!);
    }

    private static string Header(ConsumeResult<byte[]?, byte[]?> letter, string name) =>
        letter.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : throw new Xunit.Sdk.XunitException($"dead letter at {letter.Offset} has no {name} header");

    private static Recomputation.Row ToRecomputed(StoredRow row) => new(row.WindowStart, row.Label, row.Character, row.Count, row.Rank);
}
