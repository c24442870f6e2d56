using Orleans.Core.Internal;
using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>
/// A partition counts each offset once: replays are skipped, gaps are refused until the receiver rewinds, unless the
/// receiver says retention removed the offsets.
/// </summary>
public sealed class ReplayTests
{
    private static string Event(int id, long time, string text) =>
        $"{{\"id\": \"e{id}\", \"time\": {time}, \"text\": \"{text}\"}}";

    /// <summary>Offsets 0–9 of partition 0, then offset 20 reached from 20: the partition asks for a rewind to 10.</summary>
    private static async Task TenRecordsThenAGapAsync(PartitionPublisher publisher, IPartitionGrain partition, long time)
    {
        await publisher.PublishAsync(0, Enumerable.Range(0, 10).Select(i => PartitionPublisher.Record(0, i, Event(i, time, "Aragorn"))).ToList());
        await publisher.PublishAsync(0, [PartitionPublisher.Record(0, 20, Event(20, time, "Aragorn"), precedingPosition: 20)]);
        await Eventually.HoldsAsync(async () => (await partition.GetCheckpoint()).RewindTo == 10, TimeSpan.FromSeconds(20), "a rewind to offset 10");
    }

    [Fact]
    public async Task ReplayedOffsetsAreCountedOnce()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1);
        var time = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600) / 300 * 300;
        var records = Enumerable.Range(0, 150).Select(i => PartitionPublisher.Record(0, i, Event(i, time + i, "Gandalf"))).ToList();
        var publisher = new PartitionPublisher(saga.Cluster.Client, 1);

        await publisher.PublishAsync(0, records.Take(100).ToList());
        await publisher.PublishAsync(0, records.Skip(50).ToList());

        var partition = saga.Grains.GetGrain<IPartitionGrain>(0);
        await Eventually.HoldsAsync(async () => (await partition.GetStatus()).DurableNextOffset == 150, TimeSpan.FromSeconds(20), "offset 150 checkpointed");
        var status = await partition.GetStatus();
        Assert.Equal(150, status.Counters.Consumed);
        Assert.Equal(150, status.Counters.Counted);
        Assert.Equal(50, status.Counters.Duplicates);

        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(time, "lord_of_the_rings");
        await Eventually.HoldsAsync(async () => await ranking.GetCount("Gandalf") == 150, TimeSpan.FromSeconds(10), "150 mentions of Gandalf");
    }

    [Fact]
    public async Task GapAsksForRewindAndIsNotCountedUntilFilled()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1);
        var time = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600) / 300 * 300;
        var publisher = new PartitionPublisher(saga.Cluster.Client, 1);
        var partition = saga.Grains.GetGrain<IPartitionGrain>(0);
        await TenRecordsThenAGapAsync(publisher, partition, time);

        var checkpoint = await partition.GetCheckpoint();
        Assert.Equal(1, checkpoint.RewindEpoch);
        Assert.Equal(10, (await partition.GetStatus()).Counters.Consumed);

        // The receiver seeks back: offsets 10..20 arrive again, reached contiguously.
        await publisher.PublishAsync(0, Enumerable.Range(10, 11).Select(i => PartitionPublisher.Record(0, i, Event(i, time, "Aragorn"))).ToList());
        await Eventually.HoldsAsync(async () => (await partition.GetStatus()).DurableNextOffset == 21, TimeSpan.FromSeconds(20), "offset 21 checkpointed");
        Assert.Null((await partition.GetCheckpoint()).RewindTo);
        Assert.Equal(21, (await partition.GetStatus()).Counters.Counted);

        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(time, "lord_of_the_rings");
        await Eventually.HoldsAsync(async () => await ranking.GetCount("Aragorn") == 21, TimeSpan.FromSeconds(10), "21 mentions of Aragorn");
    }

    [Fact]
    public async Task AnActivationLostBeforeItsFirstCheckpointLeavesTheNextOneTheOffsetToReplayFrom()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?>
        {
            // No checkpoint of its own before the activation is lost.
            ["Saga:CheckpointInterval"] = "00:01:00",
            ["Saga:PartitionStaleAfter"] = "00:10:00",
        });
        var time = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600) / 300 * 300;
        var publisher = new PartitionPublisher(saga.Cluster.Client, 1);
        var partition = saga.Grains.GetGrain<IPartitionGrain>(0);
        var records = Enumerable.Range(0, 20).Select(i => PartitionPublisher.Record(0, i, Event(i, time, "Aragorn"))).ToList();
        await publisher.PublishAsync(0, records.Take(10).ToList());
        await Eventually.HoldsAsync(async () => (await partition.GetStatus()).Counters.Consumed == 10, TimeSpan.FromSeconds(20), "10 records consumed");

        // The activation is lost with what it had not checkpointed: only what was stored before it left survives.
        var key = ("partition", partition.GetGrainId());
        saga.Stores.GrainStates.TryGetValue(key, out var storedBefore);
        await partition.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.HoldsAsync(
            () => Task.FromResult(saga.Stores.GrainStates.TryGetValue(key, out var stored) && stored != storedBefore),
            TimeSpan.FromSeconds(10),
            "the deactivating partition saved its state");
        if (storedBefore is null)
        {
            saga.Stores.GrainStates.TryRemove(key, out _);
        }
        else
        {
            saga.Stores.GrainStates[key] = storedBefore;
        }

        // The receiver goes on from offset 10, then rewinds when asked: every offset counts once.
        await publisher.PublishAsync(0, records.Skip(10).ToList());
        await publisher.PublishAsync(0, records);
        await Eventually.HoldsAsync(async () => (await partition.GetStatus()).Counters.Counted == 20, TimeSpan.FromSeconds(20), "20 records counted");
        Assert.Equal(20, (await partition.GetStatus()).NextOffset);
    }

    [Fact]
    public async Task OffsetsRemovedByRetentionAreCountedLostAndThePartitionGoesOn()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1);
        var time = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600) / 300 * 300;
        var publisher = new PartitionPublisher(saga.Cluster.Client, 1);
        var partition = saga.Grains.GetGrain<IPartitionGrain>(0);
        await TenRecordsThenAGapAsync(publisher, partition, time);

        // Lost from 12 only: offsets 10 and 11 may still be in the log, so the rewind stands.
        await publisher.PublishAsync(0, [PartitionPublisher.Record(0, 15, Event(15, time, "Aragorn"), precedingPosition: 15, lostFrom: 12)]);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(10, (await partition.GetStatus()).Counters.Consumed);

        // The receiver sought to offset 10 and found the log starting at 15: 10..14 are gone, the partition goes on.
        await publisher.PublishAsync(0, Enumerable.Range(15, 6).Select(i =>
            PartitionPublisher.Record(0, i, Event(i, time, "Aragorn"), lostFrom: i == 15 ? 10 : null)).ToList());
        await Eventually.HoldsAsync(async () => (await partition.GetStatus()).DurableNextOffset == 21, TimeSpan.FromSeconds(20), "offset 21 checkpointed");
        Assert.Null((await partition.GetCheckpoint()).RewindTo);
        var counters = (await partition.GetStatus()).Counters;
        Assert.Equal(5, counters.LostToRetention);
        Assert.Equal(16, counters.Counted);

        var ranking = saga.Grains.GetGrain<IWindowRankingGrain>(time, "lord_of_the_rings");
        await Eventually.HoldsAsync(async () => await ranking.GetCount("Aragorn") == 16, TimeSpan.FromSeconds(10), "16 mentions of Aragorn");
    }
}
