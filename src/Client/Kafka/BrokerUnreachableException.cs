using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Settings;

namespace Orleans.Saga.Client.Kafka;

/// <summary>The Kafka broker did not answer a metadata request in time.</summary>
public sealed class BrokerUnreachableException(KafkaSettings settings, Exception? innerException = null)
    : CliException(
        ExitCodes.BrokerUnreachable,
        $"cannot reach the Kafka broker at {settings.BootstrapServers} (Saga:Kafka:BootstrapServers). "
        + "Is it running? Start the dev broker with scripts/devkafka.sh start, or pass --bootstrap HOST:PORT.",
        innerException)
{
    public string BootstrapServers { get; } = settings.BootstrapServers;
}
