using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>
/// Which partitions hold the stream watermark: one with records waiting in the log is busy, never idle, so its
/// backlog is counted rather than made late; one that never sees an event stops holding it after the idle timeout.
/// </summary>
public sealed class IdlenessTests
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

    [Fact]
    public async Task A_partition_that_never_sees_an_event_stops_holding_the_watermark_after_the_idle_timeout()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1);
        var publisher = new PartitionPublisher(saga.Cluster.Client, 1);
        var window = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 6 * 3600) / 300 * 300;

        // Partition 1 is active (as when its receiver starts) but its log stays empty.
        await saga.Grains.GetGrain<IPartitionGrain>(1).Wake();
        await publisher.PublishAsync(0, [Event(window + 10, "Gandalf"), Event(window + 3600, "Aragorn")]);

        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        await Eventually.HoldsAsync(
            async () => (await index.GetWindows("lord_of_the_rings", null)).Any(w => w.Start == window && w.IsFinal),
            TimeSpan.FromSeconds(30),
            "the window to close although partition 1 never saw an event");
        Assert.True((await index.GetStreamStatus()).Partitions.Single(p => p.Partition == 1).IsIdle);
    }

    [Fact]
    public async Task A_partition_whose_receiver_read_past_a_transaction_marker_turns_idle()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1);
        var publisher = new PartitionPublisher(saga.Cluster.Client, 1);
        var window = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 6 * 3600) / 300 * 300;

        // The last record of a committed transaction: the commit marker takes offset 1, so the log ends at 2.
        await publisher.PublishAsync(0, [PartitionPublisher.Record(0, 0, Event(window + 10, "Gandalf"), logEndOffset: 2)]);
        var partition0 = saga.Grains.GetGrain<IPartitionGrain>(0);
        await Eventually.HoldsAsync(async () => (await partition0.GetStatus()).DurableNextOffset == 1, TimeSpan.FromSeconds(20), "partition 0 checkpointed");
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        await Task.Delay(IdleTimeout + TimeSpan.FromSeconds(1));
        Assert.False((await index.GetStreamStatus()).Partitions.Single(p => p.Partition == 0).IsIdle, "a backlog of one may be a record: busy");

        // The receiver read to the end of the log: the offset after the record holds none.
        await partition0.ExchangeWithReceiver(new ReceiverProgress(HandedOverThrough: 1, EndOfLog: 2));
        await Eventually.HoldsAsync(
            async () => (await index.GetStreamStatus()).Partitions.Single(p => p.Partition == 0).IsIdle,
            TimeSpan.FromSeconds(20),
            "partition 0 idle");
    }

    [Fact]
    public async Task A_partition_of_the_topic_that_has_not_started_holds_the_watermark_until_it_registers()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?>
        {
            [SagaTestSiloConfigurator.TopicPartitionsSetting] = "2",
        });
        var publisher = new PartitionPublisher(saga.Cluster.Client, 2);
        var window = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 6 * 3600) / 300 * 300;

        // Partition 0 runs an hour past the first window before partition 1 has started at all.
        await publisher.PublishAsync(0, [Event(window + 10, "Gandalf"), Event(window + 3600, "Aragorn")]);
        var partition0 = saga.Grains.GetGrain<IPartitionGrain>(0);
        await Eventually.HoldsAsync(async () => (await partition0.GetStatus()).DurableNextOffset == 2, TimeSpan.FromSeconds(20), "partition 0 checkpointed");
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        Assert.True((await index.GetStreamStatus()).StreamWatermark < window + 300, "the stream watermark passed the first window without partition 1");

        // Partition 1's first record, of the first window, counts there.
        await publisher.PublishAsync(1, [Event(window + 20, "Gandalf")]);
        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, "lord_of_the_rings");
        await Eventually.HoldsAsync(
            async () => (await ranking.GetLeaders(5)) is { IsFinal: true } leaders && leaders.Leaders.Single().Count == 2,
            TimeSpan.FromSeconds(30),
            "the first window to close with both partitions' mentions of Gandalf");
        Assert.Equal(0, (await saga.Grains.GetGrain<IPartitionGrain>(1).GetStatus()).Counters.Late);
    }

    private static string Event(long time, string text) =>
        $"{{\"id\": \"{Guid.NewGuid():N}\", \"time\": {time}, \"text\": \"{text}\"}}";
}
