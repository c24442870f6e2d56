using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>The window index closes a window as soon as the last partition it waited for has sealed it.</summary>
public sealed class WindowClosingTests
{
    private const string Label = "harry_potter";
    private const long Lateness = 600;

    [Fact]
    public async Task A_fresh_index_closes_a_window_on_the_report_that_completes_its_seal_not_at_the_next_tick()
    {
        // The index ticks 8 s apart, from its activation, and considers a partition stale only after a minute: the
        // window must be final within a few seconds of its seal, neither at the next tick nor after a hold.
        await using var saga = await SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?>
        {
            ["Saga:CheckpointInterval"] = "00:00:08",
            ["Saga:PartitionStaleAfter"] = "00:01:00",
        });
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        var window = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3 * 3600) / 300 * 300;
        await index.Register(0);

        await index.Report(new PartitionReport(0, window + 7200, DateTimeOffset.UtcNow, long.MinValue, [new WindowKey(window, Label)]));
        Assert.False(Assert.Single(await index.GetWindows(Label, since: null)).IsFinal);
        await index.Report(new PartitionReport(0, window + 7200, DateTimeOffset.UtcNow, window + 300, []));

        await Eventually.HoldsAsync(
            async () => Assert.Single(await index.GetWindows(Label, since: null)).IsFinal,
            TimeSpan.FromSeconds(3),
            "the window is final before the next tick");
        Assert.Contains(saga.Stores.Rows.Snapshot(), w => w.Start == DateTimeOffset.FromUnixTimeSeconds(window) && w.Label == Label && w.IsFinal);
    }

    [Fact]
    public async Task With_no_backlog_a_partition_seals_when_another_report_moves_the_stream_watermark_not_at_its_next_tick()
    {
        // Partitions check in 8 s apart, on the wall clock's multiples. Partition 0 (a grain) reads a mention in the
        // window and an event two hours on; partition 1 (this test) reports likewise between two of partition 0's
        // ticks. That report moves the stream watermark past the window: partition 0 must seal then, not at its tick.
        var interval = TimeSpan.FromSeconds(8);
        await using var saga = await SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?>
        {
            ["Saga:CheckpointInterval"] = interval.ToString(),
            ["Saga:PartitionStaleAfter"] = "00:01:00",
            ["Saga:Windows:IdleTimeout"] = "00:01:00",
        });
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        await index.Register(1);
        var window = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 6 * 3600) / 300 * 300;
        var later = window + 7200 - Lateness;
        await new PartitionPublisher(saga.Cluster.Client, 1).PublishAsync(0, [Event(window + 10, "Gandalf"), Event(window + 7200, "nobody at all")]);
        await Eventually.HoldsAsync(
            async () => (await index.GetStreamStatus()).Partitions.Any(p => p.Partition == 0 && p.Watermark == later),
            TimeSpan.FromSeconds(20),
            "partition 0 reported its watermark");

        var untilTick = CheckpointTicks.UntilNext(DateTimeOffset.UtcNow, interval);
        if (untilTick < TimeSpan.FromSeconds(4))
        {
            await Task.Delay(untilTick + TimeSpan.FromMilliseconds(200));
        }

        var streamWatermark = await index.Report(new PartitionReport(1, later, DateTimeOffset.UtcNow, long.MinValue, []));
        Assert.True(streamWatermark >= window + 300, $"stream watermark {streamWatermark} did not pass the window");
        var partition0 = saga.Grains.GetGrain<IPartitionGrain>(0);
        await Eventually.HoldsAsync(
            async () => (await partition0.GetStatus()).StreamWatermark >= streamWatermark,
            TimeSpan.FromSeconds(3),
            "partition 0 sealed well before its next tick");

        // Partition 1 seals too: the window closes with partition 0's mention.
        await index.Report(new PartitionReport(1, later, DateTimeOffset.UtcNow, streamWatermark, []));
        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, "lord_of_the_rings");
        await Eventually.HoldsAsync(
            async () => (await ranking.GetLeaders(5)) is { IsFinal: true } leaders && leaders.Leaders.Single().Count == 1,
            TimeSpan.FromSeconds(3),
            "the window final with partition 0's mention");
        Assert.Equal(0, (await partition0.GetStatus()).Counters.Late);
    }

    private static string Event(long time, string text) =>
        $"{{\"id\": \"{Guid.NewGuid():N}\", \"time\": {time}, \"text\": \"{text}\"}}";
}
