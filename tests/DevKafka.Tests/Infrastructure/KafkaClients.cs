using Confluent.Kafka;

namespace Orleans.Saga.DevKafka.Tests.Infrastructure;

/// <summary>Confluent.Kafka clients pointed at a dev broker.</summary>
public static class KafkaClients
{
    public static IProducer<TKey, TValue> Producer<TKey, TValue>(string bootstrap, Action<ProducerConfig>? configure = null)
    {
        var config = new ProducerConfig { BootstrapServers = bootstrap, MessageTimeoutMs = 15_000 };
        configure?.Invoke(config);
        return new ProducerBuilder<TKey, TValue>(config).Build();
    }

    public static IConsumer<TKey, TValue> Consumer<TKey, TValue>(string bootstrap, string groupId) =>
        new ConsumerBuilder<TKey, TValue>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = groupId,
            EnableAutoCommit = false,
        }).Build();

    public static IAdminClient Admin(string bootstrap) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();

    /// <summary>Consumes exactly <paramref name="count"/> records from the consumer's assignment, or fails.</summary>
    public static IReadOnlyList<ConsumeResult<TKey, TValue>> Consume<TKey, TValue>(IConsumer<TKey, TValue> consumer, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var records = new List<ConsumeResult<TKey, TValue>>();
        while (records.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Consumed {records.Count} of {count} records.");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { IsPartitionEOF: false } record)
            {
                records.Add(record);
            }
        }

        return records;
    }
}
