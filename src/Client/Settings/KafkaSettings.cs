using Microsoft.Extensions.Configuration;

namespace Orleans.Saga.Client.Settings;

/// <summary>The broker and topic the silo reads from (<c>Saga:Kafka</c>).</summary>
public sealed record KafkaSettings
{
    public string BootstrapServers { get; init; } = "localhost:9092";

    public string Topic { get; init; } = "events";

    /// <summary>How long a metadata or offsets request may take before the broker counts as unreachable.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public static KafkaSettings From(IConfiguration configuration)
    {
        var defaults = new KafkaSettings();
        return new KafkaSettings
        {
            BootstrapServers = configuration["Saga:Kafka:BootstrapServers"] ?? defaults.BootstrapServers,
            Topic = configuration["Saga:Kafka:Topic"] ?? defaults.Topic,
            RequestTimeout = configuration.GetValue("Saga:Client:KafkaTimeout", defaults.RequestTimeout),
        };
    }
}
