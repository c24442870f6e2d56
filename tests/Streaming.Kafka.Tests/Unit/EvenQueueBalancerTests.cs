using System.Net;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka.Tests;

public sealed class EvenQueueBalancerTests
{
    private static readonly QueueId[] Queues = [.. new KafkaPartitionQueueMapper("kafka", "saga-events", 4).GetAllQueues()];
    private static readonly SiloAddress A = Silo(11111), B = Silo(11112), C = Silo(11113);

    [Fact]
    public void Queues_are_spread_evenly_and_each_has_exactly_one_owner()
    {
        SiloAddress[] active = [C, A, B];

        var owned = active.Select(silo => EvenQueueBalancer.Distribute(Queues, active, silo)).ToList();

        Assert.Equal(Queues.Order(), owned.SelectMany(queues => queues).Order());
        Assert.All(owned, queues => Assert.InRange(queues.Count, 1, 2));
    }

    [Fact]
    public void A_leaving_silos_queues_go_to_the_others_and_an_inactive_silo_owns_nothing()
    {
        Assert.Equal(2, EvenQueueBalancer.Distribute(Queues, [A, B], A).Count);
        Assert.Equal(Queues, EvenQueueBalancer.Distribute(Queues, [A], A));
        Assert.Empty(EvenQueueBalancer.Distribute(Queues, [A], B));
    }

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);
}
