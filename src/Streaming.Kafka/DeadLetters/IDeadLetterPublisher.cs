namespace Orleans.Saga.Streaming.Kafka;

/// <summary>Sends a record that cannot be processed to the dead-letter topic.</summary>
public interface IDeadLetterPublisher
{
    /// <summary>
    /// Publishes <paramref name="record"/> unchanged (key, value, headers) with headers naming the reason and the
    /// source position. Completes once the broker has acknowledged it; retries while the broker is unreachable
    /// until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task PublishAsync(KafkaRecord record, string reason, string detail, CancellationToken cancellationToken);
}
