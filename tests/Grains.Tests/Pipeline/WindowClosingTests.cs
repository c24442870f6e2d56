using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>The window index closes a window as soon as the last partition it waited for has sealed it.</summary>
public sealed class WindowClosingTests
{
    private const string Label = "harry_potter";

    [Fact]
    public async Task A_window_closes_on_the_report_that_completes_its_seal_not_at_the_next_tick()
    {
        // The index ticks 8 s apart, from its activation: the seal is reported just after the first tick, and the
        // window must be final well before the second one.
        await using var saga = await SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?>
        {
            ["Saga:CheckpointInterval"] = "00:00:08",
            ["Saga:PartitionStaleAfter"] = "00:00:08.500",
        });
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        var window = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3 * 3600) / 300 * 300;
        await index.Register(0);
        await Task.Delay(TimeSpan.FromSeconds(9)); // past the fresh activation's hold on closing (PartitionStaleAfter)

        await index.Report(new PartitionReport(0, window + 7200, DateTimeOffset.UtcNow, long.MinValue, [new WindowKey(window, Label)]));
        Assert.False(Assert.Single(await index.GetWindows(Label, since: null)).IsFinal);
        await index.Report(new PartitionReport(0, window + 7200, DateTimeOffset.UtcNow, window + 300, []));

        await Eventually.HoldsAsync(
            async () => Assert.Single(await index.GetWindows(Label, since: null)).IsFinal,
            TimeSpan.FromSeconds(3),
            "the window is final before the next tick");
        Assert.Contains(saga.Stores.Rows.Snapshot(), w => w.Start == DateTimeOffset.FromUnixTimeSeconds(window) && w.Label == Label && w.IsFinal);
    }
}
