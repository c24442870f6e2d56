namespace Orleans.Saga.Streaming.Kafka;

/// <summary>Options of the Kafka persistent stream provider, one set per provider name.</summary>
public sealed class KafkaStreamOptions
{
    /// <summary>Comma-separated host:port list of brokers.</summary>
    public string BootstrapServers { get; set; } = "localhost:9092";

    /// <summary>The topic read; each of its partitions is one Orleans queue.</summary>
    public string Topic { get; set; } = "events";

    /// <summary>The consumer group offsets are committed to (partitions are assigned, never subscribed).</summary>
    public string ConsumerGroup { get; set; } = "orleans-saga";

    /// <summary>Partition <c>p</c> is delivered to stream <c>StreamId.Create(StreamNamespace, p)</c>.</summary>
    public string StreamNamespace { get; set; } = "saga-events";

    /// <summary>Number of partitions; <see langword="null"/> asks the broker at start (retried until it answers).</summary>
    public int? PartitionCount { get; set; }

    /// <summary>Most records in one batch container of a partition (one delivery).</summary>
    public int MaxBatchSize { get; set; } = 5000;

    /// <summary>A batch also ends once its records' key and value bytes reach this size.</summary>
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long a poll waits for its first record.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the checkpoint store is read, offsets committed and rewind requests acted on.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often watermarks (lag) and broker reachability are refreshed.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where a partition starts when neither the checkpoint store nor the consumer group has an offset.</summary>
    public KafkaOffsetReset AutoOffsetReset { get; set; } = KafkaOffsetReset.Earliest;

    /// <summary>
    /// Batch containers cached per partition (Orleans' <c>SimpleQueueCache</c> size, at least 10). Once the
    /// oldest undelivered batches fill it, the pulling agent stops reading until consumers catch up.
    /// </summary>
    public int CacheSize { get; set; } = 20;

    /// <summary>
    /// Extra librdkafka consumer settings (e.g. security), applied over the provider's defaults. The settings
    /// the provider's guarantees depend on cannot be overridden; see <see cref="KafkaClientSettings.Reserved"/>.
    /// </summary>
    public Dictionary<string, string> ConsumerSettings { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Starting point of a partition that has no stored offset.</summary>
public enum KafkaOffsetReset
{
    /// <summary>The oldest retained record.</summary>
    Earliest,

    /// <summary>The next record produced.</summary>
    Latest,
}
