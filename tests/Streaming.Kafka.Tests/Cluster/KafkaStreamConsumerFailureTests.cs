using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Orleans.Saga.Streaming.Kafka.Tests;

/// <summary>A consumer that fails or outlasts the call timeout holds its partition back; it never loses records.</summary>
[Collection(DevKafkaCollection.Name)]
public sealed class KafkaStreamConsumerFailureTests(DevKafkaFixture kafka)
{
    [Fact]
    public async Task The_pulling_agent_never_gives_up_on_a_delivery()
    {
        var topic = await kafka.CreateTopicAsync("agent-options", partitions: 1);
        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 1);

        var options = ((InProcessSiloHandle)cluster.Primary!).ServiceProvider
            .GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(KafkaTestCluster.ProviderName);

        Assert.Equal(Timeout.InfiniteTimeSpan, options.MaxEventDeliveryTime);
    }

    [Fact]
    public async Task A_failing_consumer_gets_the_same_records_again_until_it_succeeds()
    {
        var topic = await kafka.CreateTopicAsync("failing", partitions: 2);
        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 1);
        using var producer = new TestProducer(kafka.Broker.BootstrapServers);
        FaultInjection.Fail(topic, 1, times: 2);

        await producer.ProduceAsync(topic, [0, 1], count: 30);

        await Eventually.HoldsAsync(() => DeliveryLog.For(topic, 1).Count >= 30, "partition 1 is delivered after the failures");
        Assert.Equal(PartitionReplay.Range(0, 30), PartitionReplay.Accepted(DeliveryLog.For(topic, 1), start: 0));
        Assert.Equal(PartitionReplay.Range(0, 30), DeliveryLog.For(topic, 0).Select(d => d.Offset));
    }

    [Fact]
    public async Task A_consumer_slower_than_the_call_timeout_receives_everything_at_least_once()
    {
        var topic = await kafka.CreateTopicAsync("slow", partitions: 1);
        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 1, responseTimeout: TimeSpan.FromSeconds(1));
        using var producer = new TestProducer(kafka.Broker.BootstrapServers);
        FaultInjection.Stall(topic, 0, TimeSpan.FromSeconds(2.5), times: 1);

        await producer.ProduceAsync(topic, [0], count: 10);
        await Eventually.HoldsAsync(() => DeliveryLog.For(topic, 0).Count > 0, "the stalled batch completes");
        await producer.ProduceAsync(topic, [0], count: 10, tag: "later");

        await Eventually.HoldsAsync(() => DeliveryLog.For(topic, 0).Select(d => d.Offset).Distinct().Count() == 20, "every record is delivered");
        Assert.Equal(PartitionReplay.Range(0, 20), PartitionReplay.Accepted(DeliveryLog.For(topic, 0), start: 0));
    }
}
