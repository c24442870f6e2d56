using Confluent.Kafka;

namespace Orleans.Saga.Streaming.Kafka.Tests;

[Collection(DevKafkaCollection.Name)]
public sealed class KafkaStreamDeliveryTests(DevKafkaFixture kafka)
{
    private const int RecordsPerPartition = 250;
    private static readonly int[] Partitions = [0, 1, 2, 3];

    [Fact]
    public async Task Two_silos_deliver_every_record_once_in_order_to_the_partitions_grain_and_commit_the_durable_offsets()
    {
        var topic = await kafka.CreateTopicAsync("delivery", partitions: 4);
        using (var producer = new TestProducer(kafka.Broker.BootstrapServers))
        {
            // Written before the silos start, so that each first poll finds many records waiting.
            await producer.ProduceAsync(topic, Partitions, RecordsPerPartition);
        }

        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 2);

        await Eventually.HoldsAsync(
            () => DeliveryLog.For(topic).Select(d => (d.Partition, d.Offset)).Distinct().Count() == Partitions.Length * RecordsPerPartition,
            "every record is delivered",
            state: () => $"{DeliveryLog.For(topic).Count} delivered");

        foreach (var partition in Partitions)
        {
            var delivered = DeliveryLog.For(topic, partition);
            Assert.All(delivered, d => Assert.Equal(partition, d.GrainKey));
            Assert.Equal(Enumerable.Range(0, RecordsPerPartition).Select(i => (long)i), delivered.Select(d => d.Offset));
            Assert.Equal(delivered.Select(d => d.Offset), delivered.Select(d => d.PrecedingPosition));
            // Everything was produced before reading: each record knows the log ends after the last one.
            Assert.All(delivered, d => Assert.Equal(RecordsPerPartition, d.LogEndOffset));
            Assert.Equal($"r-{partition}-7", System.Text.Json.JsonDocument.Parse(delivered[7].Value).RootElement.GetProperty("id").GetString());
        }

        var batches = DeliveryLog.For(topic).Select(d => d.Batch).Distinct().Count();
        Assert.True(batches < Partitions.Length * RecordsPerPartition / 10, $"{batches} deliveries for {Partitions.Length * RecordsPerPartition} records: polls are not batched.");

        // The balancer settles on two partitions per silo.
        await Eventually.HoldsAsync(
            () => cluster.Silos.All(silo => KafkaTestCluster.AssignedPartitions(silo, topic).Count == 2),
            "each silo reads two partitions",
            state: () => string.Join("; ", cluster.Silos.Select(s => $"{s.Name}: {string.Join(",", KafkaTestCluster.AssignedPartitions(s, topic))}")));
        Assert.Equal(Partitions, cluster.Silos.SelectMany(silo => KafkaTestCluster.AssignedPartitions(silo, topic)).Order());

        // Every silo knows the topic's partition count (asked from the broker), read ones or not.
        Assert.All(cluster.Silos, silo => Assert.Equal(Partitions.Length, KafkaTestCluster.TopicPartitions(silo).Count));

        // The consumer grain reported everything durable; the group's committed offsets follow.
        await Eventually.HoldsAsync(
            () => CommittedOffsets(topic).All(committed => committed == RecordsPerPartition),
            "the consumer group's committed offsets reach the durable offsets",
            state: () => string.Join(",", CommittedOffsets(topic)));
    }

    private long[] CommittedOffsets(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = kafka.Broker.BootstrapServers,
            GroupId = new KafkaStreamOptions().ConsumerGroup,
        }).Build();
        return [.. consumer.Committed(Partitions.Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(5)).OrderBy(tpo => tpo.Partition.Value).Select(tpo => tpo.Offset.Value)];
    }
}
