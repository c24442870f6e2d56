using System.Text;
using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.HostileInput;

/// <summary>
/// The hostile-input corpus through the real pipeline: every bad record is dead-lettered with its reason, every
/// odd-but-valid one counts exactly its mentions, and a good record after them all still counts — nothing stalls.
/// </summary>
public sealed class HostileInputTests
{
    private const long Time = 1_700_000_100;

    /// <summary>
    /// The size limit the cluster runs with. The default (1 MiB) is tested at the decoder; memory streams cannot carry
    /// a 1 MiB record (their cache blocks are 1 MiB), so the pipeline is tested at a smaller configured limit.
    /// </summary>
    private const int MaxEventBytes = 100_000;

    [Fact]
    public async Task EveryRecordGetsItsExpectedOutcomeAndNoneStallsThePartition()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?>
        {
            ["Saga:MaxEventBytes"] = MaxEventBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        // The valid record of 1970 goes first: after any record of 2023 it is late as soon as a checkpoint between
        // two deliveries moves the stream watermark past it, and whether one does is a matter of timing.
        var cases = HostileRecordCase.Load().OrderBy(c => c.Name != "time zero").ToList();
        cases.Add(new HostileRecordCase("exactly the size limit", SizedEvent(MaxEventBytes), null, HostileRecordCase.Counted, ["Gandalf"]));
        cases.Add(new HostileRecordCase("one byte over the size limit", SizedEvent(MaxEventBytes + 1), null, "oversize", null));
        cases.Add(new HostileRecordCase("a good record after all the others", $"{{\"id\": \"last\", \"time\": {Time}, \"text\": \"Aragorn\"}}", null, HostileRecordCase.Counted, ["Aragorn"]));

        var publisher = new PartitionPublisher(saga.Cluster.Client, 1);
        var records = cases.Select((c, offset) => PartitionPublisher.Record(0, offset, c.Bytes)).ToList();
        foreach (var chunk in records.Chunk(7))
        {
            await publisher.PublishAsync(0, chunk);
        }

        var partition = saga.Grains.GetGrain<IPartitionGrain>(0);
        await Eventually.HoldsAsync(async () => (await partition.GetStatus()).DurableNextOffset == records.Count,
            TimeSpan.FromSeconds(30), "every corpus record checkpointed");

        var reasons = saga.Stores.DeadLetters.Letters.ToDictionary(l => l.Record.Offset, l => l.Reason);
        Assert.Equal(cases.Count(c => c.Expect != HostileRecordCase.Counted), reasons.Count);
        for (var offset = 0; offset < cases.Count; offset++)
        {
            var expected = cases[offset].Expect;
            var actual = reasons.GetValueOrDefault(offset, HostileRecordCase.Counted);
            Assert.True(expected == actual, $"'{cases[offset].Name}': expected {expected}, got {actual}");
        }

        var counters = (await partition.GetStatus()).Counters;
        Assert.Equal(cases.Count, counters.Consumed);
        Assert.Equal(cases.Count(c => c.Expect == HostileRecordCase.Counted), counters.Counted);

        // Each counted record's mentions, labelled the way the embedded classifier must label them.
        var sagaOf = TestCharacters.All.ToDictionary(c => c.Name, c => c.Saga);
        var expectedCounts = cases
            .Where(c => c.Expect == HostileRecordCase.Counted && c.Mentions is { Length: > 0 })
            .SelectMany(c => c.Mentions!.Select(m => (Label: Recomputation.Label(c.Mentions!, sagaOf), Character: m)))
            .GroupBy(x => x)
            .ToDictionary(g => g.Key, g => (long)g.Count());
        var window = Time / 300 * 300;
        foreach (var ((label, character), count) in expectedCounts)
        {
            var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, label);
            await Eventually.HoldsAsync(async () => await ranking.GetCount(character) == count,
                TimeSpan.FromSeconds(10), $"{count} mentions of '{character}' in '{label}'");
        }

        var leaders = await saga.Grains.GetGrain<IWindowRankingGrain>(window, "lord_of_the_rings").GetLeaders(100);
        Assert.Equal(
            expectedCounts.Where(kv => kv.Key.Label == "lord_of_the_rings").Sum(kv => kv.Value),
            leaders.Leaders.Sum(l => l.Count));
    }

    /// <summary>A valid event mentioning Gandalf, padded with spaces to exactly <paramref name="bytes"/> bytes.</summary>
    private static string SizedEvent(int bytes)
    {
        var prefix = $"{{\"id\": \"big\", \"time\": {Time}, \"text\": \"Gandalf";
        const string suffix = "\"}";
        return prefix + new string(' ', bytes - Encoding.UTF8.GetByteCount(prefix) - suffix.Length) + suffix;
    }
}
