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

    [Fact]
    public async Task A_stalled_partition_holds_back_only_itself_and_resumes_exactly_where_it_paused()
    {
        // Small batches: the stalled partition's cache and hand-off fill within a few hundred records, so the silo's
        // one consumer must pause it (and later resume it) while it keeps reading the other partition.
        var topic = await kafka.CreateTopicAsync("stalled", partitions: 2);
        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 1, maxBatchSize: 10);
        using var producer = new TestProducer(kafka.Broker.BootstrapServers);
        FaultInjection.Stall(topic, 0, TimeSpan.FromSeconds(1), times: 6);

        await producer.ProduceAsync(topic, [0, 1], count: 400);

        await Eventually.HoldsAsync(() => DeliveryLog.For(topic, 1).Count >= 400, "the other partition is delivered meanwhile", TimeSpan.FromSeconds(20));
        Assert.True(DeliveryLog.For(topic, 0).Count < 400, "the stalled partition was still held back when the other one finished");
        await Eventually.HoldsAsync(() => DeliveryLog.For(topic, 0).Count >= 400, "the stalled partition catches up", TimeSpan.FromSeconds(60));
        Assert.Equal(PartitionReplay.Range(0, 400), PartitionReplay.Accepted(DeliveryLog.For(topic, 0), start: 0));
        Assert.Equal(PartitionReplay.Range(0, 400), DeliveryLog.For(topic, 1).Select(d => d.Offset));
    }
}
