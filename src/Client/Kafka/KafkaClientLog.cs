using Confluent.Kafka;

namespace Orleans.Saga.Client.Kafka;

/// <summary>
/// Where librdkafka's own log and error lines go. By default nowhere: a CLI reports one line per failure itself,
/// where librdkafka would print a line per reconnect attempt. With <c>--verbose</c> they go to stderr.
/// </summary>
public sealed class KafkaClientLog(TextWriter? verbose)
{
    public void OnLog(LogMessage message) => verbose?.WriteLine($"kafka: {message.Level} {message.Facility} {message.Message}");

    public void OnError(Error error) => verbose?.WriteLine($"kafka: error {error.Code}: {error.Reason}");
}
