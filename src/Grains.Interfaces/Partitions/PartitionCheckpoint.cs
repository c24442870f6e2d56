namespace Orleans.Saga.Partitions;

/// <summary>
/// What a partition grain has made durable, and where it asks its receiver to restart from.
/// </summary>
/// <param name="DurableNextOffset">The next offset to read after the last persisted checkpoint; null before the first one.</param>
/// <param name="RewindTo">Where the receiver must seek to when the grain lost un-checkpointed progress.</param>
/// <param name="RewindEpoch">Grows with each new rewind request, so that the receiver seeks once per request.</param>
[GenerateSerializer, Immutable]
public readonly record struct PartitionCheckpoint(
    [property: Id(0)] long? DurableNextOffset,
    [property: Id(1)] long? RewindTo,
    [property: Id(2)] long RewindEpoch);
