using Confluent.Kafka;

namespace Orleans.Saga.Client.Tests.Infrastructure;

/// <summary>Writes and reads a topic directly, to set up and check what the CLI does.</summary>
public static class KafkaTopic
{
    /// <summary>Every record of every partition, read with assignment (no consumer group) until the high watermarks.</summary>
    public static IReadOnlyList<ConsumeResult<string?, string>> ReadAll(string bootstrap, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<string?, string>(new ConsumerConfig
            {
                BootstrapServers = bootstrap,
                GroupId = $"cli-tests-{Guid.NewGuid():N}",
                EnableAutoCommit = false,
                EnablePartitionEof = true,
            })
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
        var records = new List<ConsumeResult<string?, string>>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var topicPartition = new TopicPartition(topic, partition);
            var high = consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(10)).High.Value;
            if (high == 0)
            {
                continue;
            }

            consumer.Assign(new TopicPartitionOffset(topicPartition, Offset.Beginning));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            for (var last = -1L; last < high - 1;)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Partition {partition} of {topic}: read up to offset {last}, the high watermark is {high}.");
                }

                if (consumer.Consume(TimeSpan.FromSeconds(1)) is { IsPartitionEOF: false } result)
                {
                    records.Add(result);
                    last = result.Offset.Value;
                }
            }
        }

        return records;
    }

    public static void Write(string bootstrap, string topic, int partition, int count)
    {
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrap, Acks = Acks.All })
            .SetLogHandler((_, _) => { })
            .Build();
        for (var i = 0; i < count; i++)
        {
            producer.Produce(new TopicPartition(topic, partition), new Message<Null, string> { Value = $"{{\"id\":\"direct-{partition}-{i}\",\"time\":0,\"text\":\"\"}}" });
        }

        if (producer.Flush(TimeSpan.FromSeconds(30)) > 0)
        {
            throw new TimeoutException($"Could not write {count} records to {topic}/{partition}.");
        }
    }
}
