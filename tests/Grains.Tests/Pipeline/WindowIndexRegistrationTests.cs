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
        // Ticks a minute apart: a registration saved with the next tick would not be stored yet.
        await using var saga = await SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?>
        {
            ["Saga:CheckpointInterval"] = "00:01:00",
            ["Saga:PartitionStaleAfter"] = "00:02:00",
        });
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);

        await index.Register(3);
        Assert.Equal([3], StoredPartitions(saga));

        await index.Register(7);
        await index.Register(3);
        Assert.Equal([3, 7], StoredPartitions(saga));
    }

    private static int[] StoredPartitions(SagaCluster saga) =>
        [.. saga.Stores.GrainStates.Values
            .Select(entry => entry.State)
            .OfType<WindowIndexState>()
            .Single()
            .Partitions.Keys
            .Order()];
}
