namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// How far a receiver has read a partition, told to the checkpoint store when the receiver has nothing left to read.
/// </summary>
/// <param name="HandedOverThrough">The offset after the last record the receiver handed to its pulling agent.</param>
/// <param name="EndOfLog">
/// Where the consumer found the end of the log with nothing gathered: at or beyond <paramref name="HandedOverThrough"/>;
/// beyond it only by offsets that hold no record for consumers (a transaction's commit marker, say). A consumer that
/// has processed everything handed over has nothing waiting for it.
/// </param>
[GenerateSerializer, Immutable]
public readonly record struct KafkaReadProgress(
    [property: Id(0)] long HandedOverThrough,
    [property: Id(1)] long EndOfLog);
