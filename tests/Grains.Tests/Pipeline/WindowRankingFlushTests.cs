using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>
/// An open window's rows are upserted in the background: partitions' pushes (which their checkpoints wait for) are
/// answered while a row write is under way, and what they merge meanwhile reaches the rows with the next flush.
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
}
