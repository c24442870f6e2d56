using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>A partition with records waiting in the log is busy, never idle: its backlog is counted, not made late.</summary>
public sealed class BacklogTests
{
    private const long Lateness = 600;
    private static readonly TimeSpan IdleTimeout = TimeSpan.Parse(SagaCluster.Settings["Saga:Windows:IdleTimeout"]!);

    [Fact]
    public async Task A_partition_with_a_backlog_holds_the_watermark_however_long_its_deliveries_pause()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1);
        var publisher = new PartitionPublisher(saga.Cluster.Client, 2);
        var window = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 6 * 3600) / 300 * 300;

        // Partition 0's first delivery says 100 more records wait behind it; partition 1 runs an hour ahead.
        await publisher.PublishAsync(0, [PartitionPublisher.Record(0, 0, Event(window + 10, "Gandalf"), logEndOffset: 101)]);
        await publisher.PublishAsync(1, Enumerable.Range(0, 10).Select(i => Event(window + 3600 + i, "Aragorn")));
        var partition0 = saga.Grains.GetGrain<IPartitionGrain>(0);
        await Eventually.HoldsAsync(async () => (await partition0.GetStatus()).DurableNextOffset == 1, TimeSpan.FromSeconds(20), "partition 0 checkpointed");

        // Nothing reaches partition 0 for twice the idle timeout: it reports its backlog all along.
        await Task.Delay(IdleTimeout * 2);
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        var stream = await index.GetStreamStatus();
        Assert.True(stream.StreamWatermark <= window + 10 - Lateness, $"stream watermark {stream.StreamWatermark} passed partition 0's");
        Assert.False(stream.Partitions.Single(p => p.Partition == 0).IsIdle);

        // The backlog arrives and is counted in its window, none of it late.
        await publisher.PublishAsync(0, Enumerable.Range(1, 100).Select(i =>
            PartitionPublisher.Record(0, i, Event(window + 20, "Gandalf"), logEndOffset: 101)).ToList());
        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, "lord_of_the_rings");
        await Eventually.HoldsAsync(async () => await ranking.GetCount("Gandalf") == 101, TimeSpan.FromSeconds(20), "101 mentions of Gandalf");
        Assert.Equal(0, (await partition0.GetStatus()).Counters.Late);
    }

    private static string Event(long time, string text) =>
        $"{{\"id\": \"{Guid.NewGuid():N}\", \"time\": {time}, \"text\": \"{text}\"}}";
}
