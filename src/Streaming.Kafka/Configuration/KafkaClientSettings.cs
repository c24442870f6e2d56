using Confluent.Kafka;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>The librdkafka consumer configuration a silo reads its partitions of a topic with.</summary>
public static class KafkaClientSettings
{
    /// <summary>
    /// Settings <see cref="KafkaStreamOptions.ConsumerSettings"/> may not override: the delivery, commit and gap
    /// guarantees rest on them.
    /// </summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "bootstrap.servers", "group.id", "enable.auto.commit", "enable.auto.offset.store", "auto.commit.interval.ms",
        "auto.offset.reset", "enable.partition.eof", "allow.auto.create.topics", "group.protocol",
    };

    internal static ConsumerConfig ForConsumer(KafkaStreamOptions options)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.ConsumerGroup,
            ClientId = $"{options.ConsumerGroup}-{options.Topic}",

            // Offsets reach the group only when the receiver stores them (a checkpoint's DurableNextOffset, or
            // the delivered position without a checkpoint store); librdkafka then commits them in the background
            // so a checkpoint never blocks on the broker. A consumed position is never committed by itself.
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoCommitIntervalMs = (int)Math.Clamp(options.CheckpointInterval.TotalMilliseconds, 100, int.MaxValue),

            // An out-of-range position (retention removed it) surfaces as an error the receiver logs and counts
            // before moving on; it never silently jumps to either end of the log.
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Error,
            // The end of each partition's log is reported: the offsets a transaction's markers take hold no record.
            EnablePartitionEof = true,
            AllowAutoCreateTopics = false,

            // Throughput: large fetches, a bounded prefetch queue (one for all the silo's partitions), short waits
            // on idle partitions.
            FetchWaitMaxMs = 100,
            MaxPartitionFetchBytes = 4 * 1024 * 1024,
            FetchMaxBytes = 64 * 1024 * 1024,
            QueuedMaxMessagesKbytes = 64 * 1024,

            // Recover quickly once a broker is back; librdkafka retries for ever, the receiver only reports it.
            ReconnectBackoffMs = 100,
            ReconnectBackoffMaxMs = 2000,
            SocketKeepaliveEnable = true,
            LogConnectionClose = false,
        };

        foreach (var (key, value) in options.ConsumerSettings)
        {
            config.Set(key, value);
        }

        return config;
    }
}
