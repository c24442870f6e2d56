using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>The window index closes a window as soon as the last partition it waited for has sealed it.</summary>
public sealed class WindowClosingTests
{
    private const string Label = "harry_potter";

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
}
