namespace Orleans.Saga.Partitions;

/// <summary>A partition grain's progress and counters, for status queries.</summary>
[GenerateSerializer, Immutable]
public sealed record PartitionStatus
{
    [Id(0)] public required int Partition { get; init; }
    [Id(1)] public required string Silo { get; init; }
    [Id(2)] public long? NextOffset { get; init; }
    [Id(3)] public long? DurableNextOffset { get; init; }
    [Id(4)] public long? MaxEventTime { get; init; }
    [Id(5)] public long? Watermark { get; init; }
    [Id(6)] public long StreamWatermark { get; init; }
    [Id(7)] public DateTimeOffset? LastDeliveryUtc { get; init; }
    [Id(8)] public DateTimeOffset? LastCheckpointUtc { get; init; }
    [Id(9)] public required PipelineCounters Counters { get; init; }
    [Id(10)] public int OpenWindows { get; init; }
}
