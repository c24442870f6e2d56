using Orleans.Core.Internal;
using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>
/// Ranking grains persist merged totals once per save interval, not per merge: what a lost activation had not saved
/// comes back from the partitions, which keep their counts until they have settled them.
/// </summary>
public sealed class RankingRecoveryTests
{
    private const string Label = "lord_of_the_rings";

    /// <summary>Saves far apart, so nothing a ranking grain merges is saved before the test takes it away.</summary>
    private static readonly Dictionary<string, string?> RareSaves = new() { ["Saga:RankingSaveInterval"] = "01:00:00" };

    [Fact]
    public async Task A_ranking_grain_that_lost_its_merges_gets_complete_totals_at_the_next_push()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1, RareSaves);
        var publisher = new PartitionPublisher(saga.Cluster.Client, 1);
        var window = WindowThreeHoursAgo();
        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, Label);
        await publisher.PublishAsync(0, [Event(window, "Gandalf"), Event(window, "Gandalf"), Event(window, "Aragorn"), Event(window, "Aragorn")]);
        await CountsAsync(ranking, gandalf: 2, aragorn: 2, "the first pushes");

        await LoseUnsavedStateAsync(saga, ranking);
        await publisher.PublishAsync(0, [Event(window, "Gandalf")]);

        // The push after the loss carries only Gandalf; its answer shows the loss, and the next push brings Aragorn back.
        await CountsAsync(ranking, gandalf: 3, aragorn: 2, "complete totals after the loss");
        await CloseWindowsBeforeAsync(publisher, window);
        await FinalRowsAsync(saga, window, gandalf: 3, aragorn: 2);
    }

    [Fact]
    public async Task A_window_whose_ranking_grain_lost_its_merges_still_closes_with_exact_rows()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1, RareSaves);
        var publisher = new PartitionPublisher(saga.Cluster.Client, 1);
        var window = WindowThreeHoursAgo();
        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, Label);
        await publisher.PublishAsync(0, [Event(window, "Gandalf"), Event(window, "Aragorn"), Event(window, "Aragorn")]);
        await CountsAsync(ranking, gandalf: 1, aragorn: 2, "the pushes");

        // Nothing more arrives for the window: only the partition's settling can bring its counts back.
        await LoseUnsavedStateAsync(saga, ranking);
        await CloseWindowsBeforeAsync(publisher, window);

        await FinalRowsAsync(saga, window, gandalf: 1, aragorn: 2);
    }

    [Fact]
    public async Task Settles_arriving_together_share_one_write_and_are_acknowledged_only_once_durable()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1, RareSaves);
        saga.Stores.WriteDelay = TimeSpan.FromMilliseconds(200);
        var window = WindowThreeHoursAgo();
        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, Label);

        await Task.WhenAll(Enumerable.Range(0, 32).Select(partition =>
            ranking.Settle(new PartitionTotals(partition, 10, new Dictionary<string, long> { ["Gandalf"] = partition + 1 }))));

        // Every acknowledged settle is in storage; a write each would have taken 32 writes.
        var stored = saga.Stores.GrainStates[("ranking", ranking.GetGrainId())];
        Assert.Equal(Enumerable.Range(0, 32), ((WindowRankingState)stored.State).Partitions.Keys.Order());
        Assert.InRange(stored.Version, 1, 3);
        Assert.Equal(32 * 33 / 2, await ranking.GetCount("Gandalf"));
    }

    private static long WindowThreeHoursAgo() => (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3 * 3600) / 300 * 300;

    private static string Event(long time, string text) =>
        $"{{\"id\": \"{Guid.NewGuid():N}\", \"time\": {time + 1}, \"text\": \"{text}\"}}";

    /// <summary>Deactivates the ranking grain, then removes what it saved on the way out: as if its silo had died first.</summary>
    private static async Task LoseUnsavedStateAsync(SagaCluster saga, IWindowRankingGrain ranking)
    {
        var key = ("ranking", ranking.GetGrainId());
        await ranking.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.HoldsAsync(() => Task.FromResult(saga.Stores.GrainStates.ContainsKey(key)), TimeSpan.FromSeconds(10), "the deactivating ranking grain saved its state");
        Assert.True(saga.Stores.GrainStates.TryRemove(key, out _));
    }

    /// <summary>An event two hours later moves the watermark past the window (allowed lateness is ten minutes).</summary>
    private static Task CloseWindowsBeforeAsync(PartitionPublisher publisher, long window) =>
        publisher.PublishAsync(0, [Event(window + 7200, "Frodo Baggins")]);

    private static Task CountsAsync(IWindowRankingGrain ranking, long gandalf, long aragorn, string what) =>
        Eventually.HoldsAsync(
            async () => await ranking.GetCount("Gandalf") == gandalf && await ranking.GetCount("Aragorn") == aragorn,
            TimeSpan.FromSeconds(20),
            $"{what}: Gandalf {gandalf}, Aragorn {aragorn}");

    private static async Task FinalRowsAsync(SagaCluster saga, long window, long gandalf, long aragorn)
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(window);
        await Eventually.HoldsAsync(
            () => Task.FromResult(saga.Stores.Rows.Snapshot().Any(w => w.Start == start && w.Label == Label && w.IsFinal)),
            TimeSpan.FromSeconds(30),
            "the window's final rows");
        var rows = saga.Stores.Rows.Snapshot().Single(w => w.Start == start && w.Label == Label).Rows;
        Assert.Equal(
            [("Aragorn", aragorn), ("Gandalf", gandalf)],
            rows.Select(r => (r.Character, r.Count)).OrderBy(r => r.Character, StringComparer.Ordinal));
    }
}
