using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>
/// A partition counts only after the index has durably registered it: an index that lost a registration could close
/// a window without that partition's totals.
/// </summary>
public sealed class WindowIndexRegistrationTests
{
    [Fact]
    public async Task A_registration_is_in_storage_when_register_returns()
    {
        await using var saga = await StartWithRareTicksAsync();
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);

        await index.Register(3);
        Assert.Equal([3], StoredPartitions(saga));

        await index.Register(7);
        await index.Register(3);
        Assert.Equal([3, 7], StoredPartitions(saga));
    }

    [Fact]
    public async Task Registrations_arriving_together_share_a_write()
    {
        await using var saga = await StartWithRareTicksAsync();
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        await index.GetStreamStatus(); // activated before the registrations arrive
        saga.Stores.WriteDelay = TimeSpan.FromMilliseconds(50);

        await Task.WhenAll(Enumerable.Range(0, 32).Select(index.Register));

        Assert.Equal(Enumerable.Range(0, 32), StoredPartitions(saga));
        Assert.InRange(StoredIndex(saga).Version, 1, 3); // one write each would be 32
    }

    /// <summary>Index ticks a minute apart: a registration saved with the next tick would not be stored yet.</summary>
    private static Task<SagaCluster> StartWithRareTicksAsync() => SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?>
    {
        ["Saga:CheckpointInterval"] = "00:01:00",
        ["Saga:CatchUpCheckpointMultiple"] = "1",
        ["Saga:PartitionStaleAfter"] = "00:02:00",
    });

    private static int[] StoredPartitions(SagaCluster saga) =>
        [.. ((WindowIndexState)StoredIndex(saga).State).Partitions.Keys.Order()];

    private static SharedGrainStorage.Entry StoredIndex(SagaCluster saga) =>
        saga.Stores.GrainStates.Values.Single(entry => entry.State is WindowIndexState);
}
