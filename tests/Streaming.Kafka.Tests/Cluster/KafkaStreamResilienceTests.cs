using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace Orleans.Saga.Streaming.Kafka.Tests;

[Collection(DevKafkaCollection.Name)]
public sealed class KafkaStreamResilienceTests(DevKafkaFixture kafka)
{
    private static readonly int[] Partitions = [0, 1, 2, 3];

    [Fact]
    public async Task A_broker_outage_shows_in_the_status_and_loses_nothing()
    {
        var topic = await kafka.CreateTopicAsync("outage", partitions: 4);
        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 1);
        var status = KafkaTestCluster.Status(cluster.Primary!);
        using var producer = new TestProducer(kafka.Broker.BootstrapServers);
        await producer.ProduceAsync(topic, Partitions, count: 50, tag: "before");
        await Eventually.HoldsAsync(() => DeliveryLog.For(topic).Count == 200, "the records written before the outage are delivered");

        await kafka.Broker.DownAsync();
        try
        {
            await Eventually.HoldsAsync(() => !status.BrokerReachable, "the status reports the broker unreachable", TimeSpan.FromSeconds(20));
            Assert.Contains(status.Partitions, p => p.Topic == topic && !p.BrokerReachable && p.LastError is not null);

            // Buffered by the producer until the broker is back.
            var during = producer.ProduceAsync(topic, Partitions, count: 50, tag: "during");
            await Task.Delay(TimeSpan.FromSeconds(2));
            await kafka.Broker.UpAsync();
            await during;
        }
        finally
        {
            await kafka.Broker.UpAsync();
        }

        await Eventually.HoldsAsync(() => DeliveryLog.For(topic).Count >= 400, "the records written during the outage are delivered", TimeSpan.FromSeconds(60));
        foreach (var partition in Partitions)
        {
            Assert.Equal(PartitionReplay.Range(0, 100), PartitionReplay.Accepted(DeliveryLog.For(topic, partition), start: 0));
        }

        await Eventually.HoldsAsync(() => status.BrokerReachable, "the status reports the broker reachable again");
    }

    [Fact]
    public async Task Stopping_a_silo_moves_its_partitions_to_the_remaining_silo_without_losing_records()
    {
        var topic = await kafka.CreateTopicAsync("handoff", partitions: 4);
        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 2);
        var secondary = cluster.SecondarySilos[0];
        await Eventually.HoldsAsync(
            () => cluster.Silos.All(silo => KafkaTestCluster.AssignedPartitions(silo, topic).Count == 2),
            "the two silos share the partitions");
        var moving = KafkaTestCluster.AssignedPartitions(secondary, topic);

        using var producer = new TestProducer(kafka.Broker.BootstrapServers);
        await producer.ProduceAsync(topic, Partitions, count: 50, tag: "before");
        await Eventually.HoldsAsync(() => DeliveryLog.For(topic).Count >= 200, "the first records are delivered");

        await cluster.StopSiloAsync(secondary);
        await Eventually.HoldsAsync(
            () => KafkaTestCluster.AssignedPartitions(cluster.Primary!, topic).SetEquals(Partitions),
            $"the remaining silo takes over partitions {string.Join(",", moving)}");

        await producer.ProduceAsync(topic, Partitions, count: 50, tag: "after");
        await Eventually.HoldsAsync(
            () => Partitions.All(p => DeliveryLog.For(topic, p).Select(d => d.Offset).Distinct().Count() == 100),
            "every record is delivered",
            state: () => string.Join(",", Partitions.Select(p => DeliveryLog.For(topic, p).Count)));
        foreach (var partition in Partitions)
        {
            Assert.Equal(PartitionReplay.Range(0, 100), PartitionReplay.Accepted(DeliveryLog.For(topic, partition), start: 0));
        }
    }

    [Fact]
    public async Task Records_removed_by_retention_before_they_are_read_are_reported_lost_and_reading_continues()
    {
        var topic = await kafka.CreateTopicAsync("retention", partitions: 1);
        using (var producer = new TestProducer(kafka.Broker.BootstrapServers))
        {
            // The dev broker keeps about 5 MiB per partition: eight 900 kB records push the first ones out.
            for (var i = 0; i < 8; i++)
            {
                await producer.ProduceAsync(topic, 0, key: null, value: new byte[900_000]);
            }
        }

        var low = LowWatermark(topic);
        Assert.True(low > 0, "the broker has dropped the oldest records");

        // The consumer last made offset 0 durable: everything before the low watermark is gone.
        TestCheckpointStore.Instance.Update(topic, 0, checkpoint => checkpoint with { DurableNextOffset = 0 });
        long lostMeasured = 0;
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == KafkaStreamMetrics.MeterName && instrument.Name == "saga.kafka.consumer.lost_records")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meter.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Contains(new KeyValuePair<string, object?>("topic", topic)))
            {
                Interlocked.Add(ref lostMeasured, value);
            }
        });
        meter.Start();
        await using var cluster = await KafkaTestCluster.StartAsync(kafka.Broker, topic, silos: 1);

        await Eventually.HoldsAsync(() => DeliveryLog.For(topic, 0).Count == 8 - low, "the retained records are delivered");
        var delivered = DeliveryLog.For(topic, 0);
        Assert.Equal(PartitionReplay.Range(low, 8), delivered.Select(d => d.Offset));
        Assert.Equal(low, delivered[0].PrecedingPosition);

        // The first record says from where the offsets were lost (the durable offset), the others nothing.
        Assert.Equal(0, delivered[0].LostFrom);
        Assert.All(delivered.Skip(1), d => Assert.Null(d.LostFrom));

        var status = KafkaTestCluster.Status(cluster.Primary!).Get(topic, 0)!;
        Assert.Equal(1, status.LostRanges);
        Assert.Equal(low, status.LostRecords);
        Assert.Equal(low, Interlocked.Read(ref lostMeasured));
    }

    private long LowWatermark(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = kafka.Broker.BootstrapServers,
            GroupId = "retention-probe",
        }).Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(5)).Low.Value;
    }
}
