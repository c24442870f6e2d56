namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// How many partitions the topic of a Kafka stream provider has, once the provider's adapter knows it (from
/// <see cref="KafkaStreamOptions.PartitionCount"/> or the broker). Registered per provider name, so that consumers of
/// the stream can tell a partition that has not started yet from one that does not exist.
/// </summary>
public sealed class KafkaTopicPartitions
{
    private int _count;

    /// <summary>The topic's partition count; null until the adapter has been created.</summary>
    public int? Count => Volatile.Read(ref _count) is > 0 and var count ? count : null;

    public void Set(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Volatile.Write(ref _count, count);
    }
}
