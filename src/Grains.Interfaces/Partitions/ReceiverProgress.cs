namespace Orleans.Saga.Partitions;

/// <summary>How far a partition's receiver has read, once it has read to the end of the log.</summary>
/// <param name="HandedOverThrough">The offset after the last record the receiver handed over for delivery.</param>
/// <param name="EndOfLog">Where it found the end of the log; beyond <paramref name="HandedOverThrough"/> only by offsets holding no record.</param>
[GenerateSerializer, Immutable]
public readonly record struct ReceiverProgress(
    [property: Id(0)] long HandedOverThrough,
    [property: Id(1)] long EndOfLog);
