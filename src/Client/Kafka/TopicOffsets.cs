namespace Orleans.Saga.Client.Kafka;

/// <summary>A topic's partitions as the broker reports them; <see cref="Exists"/> is false when it has no such topic.</summary>
public sealed record TopicOffsets(string Topic, bool Exists, IReadOnlyList<PartitionOffsets> Partitions);

/// <summary>The oldest offset a partition still holds and the offset its next record will get (the high watermark).</summary>
public sealed record PartitionOffsets(int Partition, long Low, long High);
