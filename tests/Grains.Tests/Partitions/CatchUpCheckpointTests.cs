using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Partitions;

namespace Orleans.Saga.Grains.Tests.Partitions;

/// <summary>
/// A partition with a backlog behind its last delivery checkpoints every catch-up interval (here 10 s, against the
/// 250 ms interval), and at the next short tick again as soon as a delivery leaves it caught up.
/// </summary>
public sealed class CatchUpCheckpointTests
{
    private const int Backlog = 100;
    private static readonly TimeSpan CatchUpInterval = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_partition_catching_up_checkpoints_every_catch_up_interval_and_at_the_next_tick_once_caught_up()
    {
        await using var saga = await SagaCluster.StartAsync(silos: 1, new Dictionary<string, string?>
        {
            ["Saga:CatchUpCheckpointMultiple"] = "40",
            ["Saga:CatchUpBacklog"] = $"{Backlog}",
            ["Saga:PartitionStaleAfter"] = "00:00:30",
        });
        var partition = saga.Grains.GetGrain<IPartitionGrain>(0);
        var publisher = new PartitionPublisher(saga.Cluster.Client, 1);
        var window = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600) / 300 * 300;
        const long logEnd = 1_000;

        // Records of partition 0 from offset `from` on, each telling that the log ends at `logEnd`.
        Task PublishAsync(long from, int count) => publisher.PublishAsync(0, Enumerable.Range(0, count)
            .Select(i => PartitionPublisher.Record(0, from + i, Event(window + 10, "Gandalf"), logEndOffset: logEnd))
            .ToList());

        // The first checkpoint comes at the first short tick: the partition knew of no backlog when it was activated.
        await PublishAsync(from: 0, count: 1);
        await Eventually.HoldsAsync(async () => (await partition.GetStatus()).DurableNextOffset == 1, TimeSpan.FromSeconds(10), "the first record durable");

        // 999 records still wait behind it: the next record waits for the catch-up tick, not the next short one.
        await WaitUntilPastCatchUpTickAsync(TimeSpan.FromSeconds(1));
        await PublishAsync(from: 1, count: 1);
        var published = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow - published < TimeSpan.FromSeconds(6))
        {
            Assert.Equal(1, (await partition.GetStatus()).DurableNextOffset);
            await Task.Delay(250);
        }

        await Eventually.HoldsAsync(async () => (await partition.GetStatus()).DurableNextOffset == 2, CatchUpInterval, "the second record durable at the catch-up tick");

        // A delivery that reaches the log's end: the partition is caught up and checkpoints at the next short tick.
        await WaitUntilPastCatchUpTickAsync(TimeSpan.FromSeconds(1));
        for (var offset = 2L; offset < logEnd; offset += 500)
        {
            await PublishAsync(offset, (int)Math.Min(500, logEnd - offset));
        }

        var caughtUp = DateTimeOffset.UtcNow;
        await Eventually.HoldsAsync(async () => (await partition.GetStatus()).DurableNextOffset == logEnd, TimeSpan.FromSeconds(8), "the rest durable");
        Assert.True(DateTimeOffset.UtcNow - caughtUp < TimeSpan.FromSeconds(5), "the caught-up partition waited for the catch-up tick");
    }

    /// <summary>Waits until <paramref name="past"/> after a catch-up tick (the wall clock's multiples of the interval).</summary>
    private static Task WaitUntilPastCatchUpTickAsync(TimeSpan past)
    {
        var now = DateTimeOffset.UtcNow;
        var sinceTick = TimeSpan.FromTicks(now.UtcTicks % CatchUpInterval.Ticks);
        var wait = past - sinceTick;
        return Task.Delay(wait >= TimeSpan.Zero ? wait : wait + CatchUpInterval);
    }

    private static string Event(long time, string text) =>
        $"{{\"id\": \"{Guid.NewGuid():N}\", \"time\": {time}, \"text\": \"{text}\"}}";
}
