using Confluent.Kafka;

namespace Orleans.Saga.Streaming.Kafka.Tests;

[Collection(DevKafkaCollection.Name)]
public sealed class KafkaStreamCheckpointTests(DevKafkaFixture kafka)
{
    [Fact]
    public async Task A_starting_receiver_resumes_at_the_stores_durable_offset()
    {
        var topic = await kafka.CreateTopicAsync("resume", partitions: 4);
        using (var producer = new TestProducer(kafka.Broker.BootstrapServers))
        {
            await producer.ProduceAsync(topic, [1], count: 20);
        }

        TestCheckpointStore.Instance.Update(topic, 1, checkpoint => checkpoint with { DurableNextOffset = 12 });
        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 1);

        await Eventually.HoldsAsync(() => DeliveryLog.For(topic, 1).Count >= 8, "offsets 12..19 are delivered");
        await Task.Delay(500);
        var delivered = DeliveryLog.For(topic, 1);
        Assert.Equal(PartitionReplay.Range(12, 20), delivered.Select(d => d.Offset));
        Assert.Equal(12, delivered[0].PrecedingPosition);
    }

    [Fact]
    public async Task A_receiver_that_read_to_the_end_tells_the_store_how_far_past_its_last_record_the_log_ends()
    {
        var topic = await kafka.CreateTopicAsync("transactional", partitions: 1);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = kafka.Broker.BootstrapServers,
            TransactionalId = $"test-{Guid.NewGuid():N}",
        }).Build())
        {
            // Three records in a committed transaction: its commit marker takes offset 3, so the log ends at 4.
            producer.InitTransactions(TimeSpan.FromSeconds(10));
            producer.BeginTransaction();
            for (var i = 0; i < 3; i++)
            {
                await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<Null, string> { Value = $"{{\"id\": \"t{i}\"}}" });
            }

            producer.CommitTransaction(TimeSpan.FromSeconds(10));
        }

        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 1);
        await Eventually.HoldsAsync(() => DeliveryLog.For(topic, 0).Count == 3, "the three records are delivered");
        await Eventually.HoldsAsync(
            () => TestCheckpointStore.Instance.Progress(topic, 0) == new KafkaReadProgress(HandedOverThrough: 3, EndOfLog: 4),
            "the store learns the receiver read to offset 4, one past its last record",
            state: () => $"{TestCheckpointStore.Instance.Progress(topic, 0)}");
    }

    [Fact]
    public async Task A_rewind_request_redelivers_from_the_requested_offset()
    {
        var topic = await kafka.CreateTopicAsync("rewind", partitions: 4);
        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 1);
        using var producer = new TestProducer(kafka.Broker.BootstrapServers);
        await producer.ProduceAsync(topic, [2], count: 10);
        await Eventually.HoldsAsync(() => DeliveryLog.For(topic, 2).Count == 10, "the first ten records are delivered");

        TestCheckpointStore.Instance.RequestRewind(topic, 2, offset: 4);

        await Eventually.HoldsAsync(() => DeliveryLog.For(topic, 2).Count >= 16, "offsets 4..9 are delivered again");
        var replayed = DeliveryLog.For(topic, 2).Skip(10).ToList();
        Assert.Equal(PartitionReplay.Range(4, 10), replayed.Select(d => d.Offset));
        Assert.Equal(4, replayed[0].PrecedingPosition);

        // Later checkpoints repeat the same request; it is acted on once.
        await Task.Delay(1000);
        Assert.Equal(16, DeliveryLog.For(topic, 2).Count);
    }
}
