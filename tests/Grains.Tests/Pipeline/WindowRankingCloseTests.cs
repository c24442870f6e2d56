using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>
/// Closing a window makes its state final with one write, then writes its final rows; a window whose final state
/// outlived an activation that had not written the rows gets them when it is asked to close again.
/// </summary>
public sealed class WindowRankingCloseTests
{
    private const string Label = "lord_of_the_rings";

    [Fact]
    public async Task Closing_a_settled_window_takes_one_state_write()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1);
        var window = WindowThreeHoursAgo();
        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, Label);
        await ranking.Settle(Totals(partition: 0, gandalf: 2));
        var versionBefore = Stored(saga, ranking).Version;

        await ranking.Close();

        Assert.Equal(versionBefore + 1, Stored(saga, ranking).Version);
        Assert.Equal([("Gandalf", 2L)], FinalRows(saga, window));
    }

    [Fact]
    public async Task A_final_state_without_final_rows_gets_them_when_asked_to_close_again()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1);
        var window = WindowThreeHoursAgo();
        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(window, Label);

        // As left by an activation lost between the final state's write and the final rows'.
        var state = new WindowRankingState { IsFinal = true };
        state.Partitions[0] = new PartitionContribution { CoveredOffset = 10, Counts = { ["Gandalf"] = 4, ["Aragorn"] = 1 } };
        saga.Stores.GrainStates[("ranking", ranking.GetGrainId())] = new SharedGrainStorage.Entry(state, 1);

        await ranking.Close();

        Assert.Equal([("Aragorn", 1L), ("Gandalf", 4L)], FinalRows(saga, window));
        Assert.Equal(1, Stored(saga, ranking).Version); // final already: nothing more to write
    }

    private static PartitionTotals Totals(int partition, long gandalf) =>
        new(partition, CoveredOffset: 10, new Dictionary<string, long> { ["Gandalf"] = gandalf });

    private static long WindowThreeHoursAgo() => (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3 * 3600) / 300 * 300;

    private static SharedGrainStorage.Entry Stored(SagaCluster saga, IWindowRankingGrain ranking) =>
        saga.Stores.GrainStates[("ranking", ranking.GetGrainId())];

    private static (string Character, long Count)[] FinalRows(SagaCluster saga, long window)
    {
        var stored = Assert.Single(saga.Stores.Rows.Snapshot(), w => w.Start == DateTimeOffset.FromUnixTimeSeconds(window) && w.Label == Label);
        Assert.True(stored.IsFinal);
        return [.. stored.Rows.Select(r => (r.Character, r.Count)).OrderBy(r => r.Character, StringComparer.Ordinal)];
    }
}
