namespace Orleans.Saga.Streaming.Kafka;

/// <summary>Options of <see cref="KafkaDeadLetterPublisher"/>.</summary>
public sealed class KafkaDeadLetterOptions
{
    public string BootstrapServers { get; set; } = "localhost:9092";

    public string Topic { get; set; } = "events-dlq";

    /// <summary>How long librdkafka tries one send before <see cref="KafkaDeadLetterPublisher"/> backs off and sends again.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause between sends while the broker is unreachable.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest record accepted by the producer; rejected source records may be larger than the consumer's limit.</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Extra librdkafka producer settings (e.g. security); <c>enable.idempotence</c> and <c>acks</c> are fixed.</summary>
    public Dictionary<string, string> ProducerSettings { get; set; } = new(StringComparer.Ordinal);
}
