namespace Orleans.Saga.Streaming.Kafka;

/// <summary>A point-in-time view of one partition read by this silo.</summary>
/// <param name="Assigned">Whether a receiver on this silo currently owns the partition.</param>
/// <param name="Position">The next offset the receiver will read, once it has started.</param>
/// <param name="CommittedOffset">The consumer group's committed offset, as last confirmed by the broker.</param>
/// <param name="LowWatermark">The oldest offset the broker retains, as of <paramref name="WatermarksAt"/>.</param>
/// <param name="HighWatermark">The offset the next produced record will get, as of <paramref name="WatermarksAt"/>.</param>
/// <param name="BrokerReachable">False from a transport or all-brokers-down error until the broker answers again.</param>
/// <param name="LostRanges">How many times retention removed records before they were read.</param>
/// <param name="LostRecords">How many offsets those ranges spanned.</param>
public sealed record KafkaPartitionStatus(
    string Topic,
    int Partition,
    bool Assigned,
    long? Position,
    long? CommittedOffset,
    long? LowWatermark,
    long? HighWatermark,
    DateTimeOffset? WatermarksAt,
    bool BrokerReachable,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long RecordsConsumed,
    long LostRanges,
    long LostRecords)
{
    /// <summary>Records produced but not yet read by this silo: high watermark minus position.</summary>
    public long? Lag => HighWatermark is { } high && Position is { } position ? Math.Max(0, high - position) : null;
}
