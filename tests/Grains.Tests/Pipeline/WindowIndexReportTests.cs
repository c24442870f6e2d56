using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>
/// A report returns only once the windows it announces are durable (an index that lost one would never close it), and
/// reports arriving together share one write: every partition reports at the same checkpoint instants.
/// </summary>
public sealed class WindowIndexReportTests
{
    private const string Label = "harry_potter";

    [Fact]
    public async Task Reports_arriving_together_share_a_write()
    {
        await using var saga = await StartWithRareTicksAsync();
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        await Task.WhenAll(Enumerable.Range(0, 32).Select(index.Register));
        var versionBefore = StoredIndex(saga).Version;
        saga.Stores.WriteDelay = TimeSpan.FromMilliseconds(50);
        var first = FirstWindow();

        await Task.WhenAll(Enumerable.Range(0, 32).Select(partition => index.Report(AnnouncingWindow(partition, first + partition * 300))));

        Assert.Equal(Enumerable.Range(0, 32).Select(p => first + p * 300), StoredOpenWindowStarts(saga));
        Assert.InRange(StoredIndex(saga).Version - versionBefore, 1, 3); // one write each would be 32
    }

    [Fact]
    public async Task A_window_whose_write_failed_is_written_when_a_report_announces_it_again()
    {
        await using var saga = await StartWithRareTicksAsync();
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        await index.Register(0);
        var window = FirstWindow();

        saga.Stores.FailingWrites = 1;
        await Assert.ThrowsAnyAsync<Exception>(() => index.Report(AnnouncingWindow(0, window)));
        Assert.Empty(StoredOpenWindowStarts(saga));

        // The partition's checkpoint failed, so it announces the window again with its next report.
        await index.Report(AnnouncingWindow(0, window));
        Assert.Equal([window], StoredOpenWindowStarts(saga));
    }

    [Fact]
    public async Task A_report_is_answered_while_a_window_closes()
    {
        await using var saga = await StartWithRareTicksAsync();
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        await index.Register(0);
        var window = FirstWindow();
        await index.Report(AnnouncingWindow(0, window));

        // Closing writes the ranking grain's state: make every write take seconds. The seal starts the close.
        saga.Stores.WriteDelay = TimeSpan.FromSeconds(3);
        var sealing = new PartitionReport(0, window + 7200, DateTimeOffset.UtcNow, SealedThrough: window + 300, []);
        await index.Report(sealing);
        await Task.Delay(200); // the close is under way (an index that waited for it would be busy with it now)

        // A partition's next report (it announces nothing, so it needs no write) does not wait for the close.
        await index.Report(sealing with { LastDeliveryUtc = DateTimeOffset.UtcNow });
        var ranking = saga.Stores.GrainStates.GetValueOrDefault(("ranking", saga.Grains.GetGrain<IWindowRankingGrain>(window, Label).GetGrainId()));
        Assert.False(ranking?.State is WindowRankingState { IsFinal: true }, "the report waited for the window's close");

        await Eventually.HoldsAsync(
            async () => Assert.Single(await index.GetWindows(Label, since: null)).IsFinal,
            TimeSpan.FromSeconds(30),
            "the window is final once its ranking grain has closed it");
        Assert.Contains(saga.Stores.Rows.Snapshot(), w => w.Start == DateTimeOffset.FromUnixTimeSeconds(window) && w.IsFinal);
    }

    private static PartitionReport AnnouncingWindow(int partition, long start) =>
        new(partition, Watermark: null, DateTimeOffset.UtcNow, SealedThrough: long.MinValue, [new WindowKey(start, Label)]);

    private static long FirstWindow() => (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 6 * 3600) / 300 * 300;

    /// <summary>Index ticks a minute apart: a window saved with the next tick would not be stored yet.</summary>
    private static Task<SagaCluster> StartWithRareTicksAsync() => SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?>
    {
        ["Saga:CheckpointInterval"] = "00:01:00",
        ["Saga:CatchUpCheckpointMultiple"] = "1",
        ["Saga:PartitionStaleAfter"] = "00:02:00",
    });

    private static long[] StoredOpenWindowStarts(SagaCluster saga) =>
        [.. ((WindowIndexState)StoredIndex(saga).State).Open.Select(w => w.Start).Order()];

    private static SharedGrainStorage.Entry StoredIndex(SagaCluster saga) =>
        saga.Stores.GrainStates.Values.Single(entry => entry.State is WindowIndexState);
}
