namespace Orleans.Saga.Streaming.Kafka;

/// <summary>Sends a record that cannot be counted to the dead-letter place, unchanged, with the reason.</summary>
public interface IDeadLetterPublisher
{
    /// <summary>Completes once the record is durable in the dead-letter place; retries while it is unreachable.</summary>
    Task PublishAsync(KafkaRecord record, string reason, string detail, CancellationToken cancellationToken);
}
