using System.Text;
using Confluent.Kafka;
using Orleans.Saga.DevKafka.Tests.Infrastructure;

namespace Orleans.Saga.DevKafka.Tests;

/// <summary>Real Kafka clients (Confluent.Kafka, kcat) against one running dev broker.</summary>
public sealed class ClientInteropTests(DevKafkaFixture fixture) : IClassFixture<DevKafkaFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private DevKafkaProcess Broker => fixture.Broker;

    [Fact]
    public void Metadata_lists_the_topics_and_advertises_the_fixed_endpoint()
    {
        using var admin = KafkaClients.Admin(Broker.Bootstrap);

        var metadata = admin.GetMetadata(Timeout);

        var broker = Assert.Single(metadata.Brokers);
        Assert.Equal(1, broker.BrokerId);
        Assert.Equal(Broker.Bootstrap, $"{broker.Host}:{broker.Port}");
        Assert.Equal(4, metadata.Topics.Single(topic => topic.Topic == "events").Partitions.Count);
        Assert.Single(metadata.Topics.Single(topic => topic.Topic == "events-dlq").Partitions);
    }

    [Fact]
    public async Task Records_produced_to_each_partition_read_back_exactly_from_assigned_offsets()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        var sent = new List<(DeliveryResult<string, string> Delivery, Message<string, string> Message)>();
        using (var producer = KafkaClients.Producer<string, string>(Broker.Bootstrap))
        {
            for (var partition = 0; partition < 4; partition++)
            {
                for (var i = 0; i < 3; i++)
                {
                    var message = new Message<string, string>
                    {
                        Key = $"key-{partition}-{i}",
                        Value = $$"""{"id":"{{partition}}-{{i}}","time":{{1_700_000_000 + i}},"text":"Harry"}""",
                        Timestamp = new Timestamp(start.AddSeconds(partition * 10 + i).UtcDateTime, TimestampType.CreateTime),
                        Headers = new Headers { { "trace", Encoding.UTF8.GetBytes($"t-{partition}-{i}") }, { "empty", [] } },
                    };
                    sent.Add((await producer.ProduceAsync(new TopicPartition("events", partition), message), message));
                }
            }
        }

        using var consumer = KafkaClients.Consumer<string, string>(Broker.Bootstrap, "records-reader");
        consumer.Assign(sent
            .GroupBy(record => record.Delivery.Partition)
            .Select(partition => new TopicPartitionOffset("events", partition.Key, partition.Min(record => record.Delivery.Offset.Value))));
        var received = KafkaClients.Consume(consumer, sent.Count);

        foreach (var partition in sent.GroupBy(record => record.Delivery.Partition.Value))
        {
            var offsets = partition.Select(record => record.Delivery.Offset.Value).ToArray();
            Assert.Equal(Enumerable.Range(0, 3).Select(i => offsets[0] + i), offsets);
        }

        foreach (var (delivery, message) in sent)
        {
            var record = Assert.Single(received, record => record.TopicPartitionOffset == delivery.TopicPartitionOffset);
            Assert.Equal(message.Key, record.Message.Key);
            Assert.Equal(message.Value, record.Message.Value);
            Assert.Equal(TimestampType.CreateTime, record.Message.Timestamp.Type);
            Assert.Equal(message.Timestamp.UnixTimestampMs, record.Message.Timestamp.UnixTimestampMs);
            Assert.Equal(Describe(message.Headers), Describe(record.Message.Headers));
        }
    }

    [Fact]
    public void Committed_group_offsets_read_back_for_that_group_only()
    {
        var partitions = Enumerable.Range(0, 4).Select(partition => new TopicPartition("events", partition)).ToArray();
        var offsets = partitions.Select(partition => new TopicPartitionOffset(partition, 5 + partition.Partition.Value * 7)).ToArray();
        using (var committer = KafkaClients.Consumer<string, string>(Broker.Bootstrap, "orleans-saga-test"))
        {
            committer.Assign(partitions.Select(partition => new TopicPartitionOffset(partition, Offset.Beginning)));
            committer.Commit(offsets);
        }

        using var reader = KafkaClients.Consumer<string, string>(Broker.Bootstrap, "orleans-saga-test");
        using var stranger = KafkaClients.Consumer<string, string>(Broker.Bootstrap, "another-group");

        Assert.Equal(offsets, reader.Committed(partitions, Timeout));
        Assert.All(stranger.Committed(partitions, Timeout), committed => Assert.Equal(Offset.Unset, committed.Offset));
    }

    [SkippableFact]
    public async Task Kcat_and_Confluent_clients_read_each_others_records()
    {
        Skip.IfNot(Kcat.IsInstalled, Kcat.MissingReason);
        Assert.Equal("ok created kcat partitions=2", await Broker.ControlAsync("create-topic kcat 2"));

        await Kcat.RunAsync(["-P", "-b", Broker.Bootstrap, "-t", "kcat", "-p", "1", "-K", ":", "-H", "source=kcat"], "k1:v1\nk2:v2\n");
        using (var producer = KafkaClients.Producer<string, string>(Broker.Bootstrap))
        {
            await producer.ProduceAsync(new TopicPartition("kcat", 0), new Message<string, string> { Key = "c1", Value = "from-confluent" });
        }

        using var consumer = KafkaClients.Consumer<string, string>(Broker.Bootstrap, "kcat-reader");
        consumer.Assign(new TopicPartitionOffset("kcat", 1, 0));
        var fromKcat = KafkaClients.Consume(consumer, 2);
        Assert.Equal(["k1=v1", "k2=v2"], fromKcat.Select(record => $"{record.Message.Key}={record.Message.Value}"));
        Assert.All(fromKcat, record => Assert.Equal("source=kcat", Describe(record.Message.Headers)));

        var kcatOutput = await Kcat.RunAsync(["-C", "-b", Broker.Bootstrap, "-t", "kcat", "-o", "beginning", "-e", "-q", "-f", @"%p %o %k=%s\n"]);
        Assert.Equal(
            ["0 0 c1=from-confluent", "1 0 k1=v1", "1 1 k2=v2"],
            kcatOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_partition_keeps_only_its_newest_5_MiB()
    {
        Assert.StartsWith("ok", await Broker.ControlAsync("create-topic retention 1"));
        var partition = new TopicPartition("retention", 0);
        using (var producer = KafkaClients.Producer<Null, byte[]>(Broker.Bootstrap, config => config.LingerMs = 0))
        {
            // One ~900 KB batch each: five fit in 5 MiB, six do not.
            for (var i = 0; i < 7; i++)
            {
                await producer.ProduceAsync(partition, new Message<Null, byte[]> { Value = new byte[900_000] });
            }
        }

        using var consumer = KafkaClients.Consumer<Null, byte[]>(Broker.Bootstrap, "retention-reader");
        var watermarks = consumer.QueryWatermarkOffsets(partition, Timeout);

        Assert.Equal(7, watermarks.High.Value);
        Assert.Equal(2, watermarks.Low.Value);
    }

    [Fact]
    public async Task CreateTopics_is_not_supported_so_topics_come_from_the_command_line_or_control_channel()
    {
        using var admin = KafkaClients.Admin(Broker.Bootstrap);

        var failure = await Assert.ThrowsAnyAsync<KafkaException>(() => admin.CreateTopicsAsync(
            [new Confluent.Kafka.Admin.TopicSpecification { Name = "via-admin", NumPartitions = 1, ReplicationFactor = 1 }]));

        Assert.Contains("not supported by broker", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OffsetsForTimes_answers_end_for_any_timestamp()
    {
        var partition = new TopicPartition("events", 3);
        var old = DateTime.UtcNow.AddHours(-1);
        using (var producer = KafkaClients.Producer<string, string>(Broker.Bootstrap))
        {
            await producer.ProduceAsync(partition, new Message<string, string> { Key = "k", Value = "old", Timestamp = new Timestamp(old) });
        }

        using var consumer = KafkaClients.Consumer<string, string>(Broker.Bootstrap, "times-reader");
        var answer = Assert.Single(consumer.OffsetsForTimes([new TopicPartitionTimestamp(partition, new Timestamp(old.AddHours(-1)))], Timeout));

        Assert.Equal(Offset.End, answer.Offset);
    }

    private static string Describe(Headers headers) =>
        string.Join(';', headers.Select(header => $"{header.Key}={Encoding.UTF8.GetString(header.GetValueBytes())}"));
}
