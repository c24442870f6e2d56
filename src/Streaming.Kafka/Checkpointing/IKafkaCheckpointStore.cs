namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// Tells the Kafka receivers how far a partition's consumer has durably progressed and whether it wants
/// the partition replayed. Optional: without one, receivers resume from the consumer group's committed
/// offset and commit what the pulling agent has delivered.
/// </summary>
/// <remarks>
/// Resolved from DI, keyed by the stream provider name first, then unkeyed. Called when a receiver starts
/// and every <see cref="KafkaStreamOptions.CheckpointInterval"/> afterwards, off the poll path; a call that
/// throws is retried on the next tick (at start, with backoff until it succeeds).
/// </remarks>
public interface IKafkaCheckpointStore
{
    /// <param name="progress">
    /// How far the receiver has read, when it has read to the end of the log; null at start and while records wait.
    /// </param>
    Task<KafkaPartitionCheckpoint> GetCheckpointAsync(string topic, int partition, KafkaReadProgress? progress, CancellationToken cancellationToken);
}
