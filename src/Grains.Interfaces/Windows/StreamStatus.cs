namespace Orleans.Saga.Windows;

/// <summary>The stream watermark and what each partition last reported.</summary>
[GenerateSerializer, Immutable]
public sealed record StreamStatus(
    [property: Id(0)] long StreamWatermark,
    [property: Id(1)] IReadOnlyList<PartitionWatermarkStatus> Partitions,
    [property: Id(2)] int OpenWindows,
    [property: Id(3)] int FinalWindows);

[GenerateSerializer, Immutable]
public sealed record PartitionWatermarkStatus(
    [property: Id(0)] int Partition,
    [property: Id(1)] long? Watermark,
    [property: Id(2)] long SealedThrough,
    [property: Id(3)] DateTimeOffset? LastDeliveryUtc,
    [property: Id(4)] DateTimeOffset LastReportUtc,
    [property: Id(5)] bool IsIdle);
