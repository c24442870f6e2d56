using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>
/// Partitions' pushes (which their checkpoints wait for) never wait behind a ranking grain's database round trips: they
/// are answered while its rows or its state are being written, and what they merge meanwhile counts once it is done.
/// </summary>
public sealed class WindowRankingFlushTests
{
    private const string Label = "lord_of_the_rings";

    [Fact]
    public async Task A_merge_is_answered_while_the_rows_are_written_and_reaches_the_next_flush()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1);
        var window = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3 * 3600) / 300 * 300;
        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, Label);
        saga.Stores.Rows.WriteDelay = TimeSpan.FromSeconds(3);

        await ranking.Merge(new PartitionTotals(0, 10, new Dictionary<string, long> { ["Gandalf"] = 2 }));
        await Eventually.HoldsAsync(() => Task.FromResult(saga.Stores.Rows.WritesStarted > 0), TimeSpan.FromSeconds(10), "a row write began");

        await ranking.Merge(new PartitionTotals(1, 10, new Dictionary<string, long> { ["Aragorn"] = 1 }));
        Assert.Empty(saga.Stores.Rows.Snapshot()); // the merge did not wait for the row write to land

        saga.Stores.Rows.WriteDelay = TimeSpan.Zero;
        await Eventually.HoldsAsync(
            () => Task.FromResult(saga.Stores.Rows.Snapshot().SingleOrDefault()?.Rows.Count == 2),
            TimeSpan.FromSeconds(10),
            "the rows hold both merges");
    }

    [Fact]
    public async Task A_merge_is_answered_while_a_settle_is_written_and_counts_once_the_write_is_done()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?> { ["Saga:RankingSaveInterval"] = "01:00:00" });
        var window = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3 * 3600) / 300 * 300;
        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, Label);
        await ranking.Merge(new PartitionTotals(1, 10, new Dictionary<string, long> { ["Aragorn"] = 1 }));
        saga.Stores.WriteDelay = TimeSpan.FromSeconds(3);

        var settle = ranking.Settle(new PartitionTotals(0, 10, new Dictionary<string, long> { ["Gandalf"] = 2 }));
        await Task.Delay(300); // the settle's write is under way (a grain that made merges wait would be busy with it now)
        var coveredBefore = await ranking.Merge(new PartitionTotals(1, 20, new Dictionary<string, long> { ["Aragorn"] = 4 }));

        var stored = saga.Stores.GrainStates.GetValueOrDefault(("ranking", ranking.GetGrainId()));
        Assert.False(stored?.State is WindowRankingState written && written.Partitions.ContainsKey(0), "the merge waited for the settle's write to land");
        Assert.Equal(10, coveredBefore);
        await settle;
        Assert.Equal(4, await ranking.GetCount("Aragorn"));
        Assert.Equal(2, await ranking.GetCount("Gandalf"));
    }
}
