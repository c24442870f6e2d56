namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// A partition consumer's durable progress and its replay request.
/// </summary>
/// <param name="DurableNextOffset">
/// The next offset the consumer has not durably processed; committed to the consumer group once it advances.
/// </param>
/// <param name="RewindTo">
/// Where to replay from when <paramref name="RewindEpoch"/> is newer than the last epoch the receiver acted on
/// (and where a starting receiver begins, in preference to <paramref name="DurableNextOffset"/>).
/// </param>
/// <param name="RewindEpoch">Increases with every new replay request; also orders the stream's sequence tokens.</param>
[GenerateSerializer, Immutable]
public readonly record struct KafkaPartitionCheckpoint(
    [property: Id(0)] long? DurableNextOffset,
    [property: Id(1)] long? RewindTo,
    [property: Id(2)] long RewindEpoch);
