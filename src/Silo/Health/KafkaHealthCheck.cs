using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Silo.Health;

/// <summary>Ready only while the Kafka receivers on this silo reach their brokers (always ready with memory streams).</summary>
public sealed class KafkaHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService(typeof(KafkaStreamStatus)) is not KafkaStreamStatus status)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no Kafka source"));
        }

        return Task.FromResult(status.BrokerReachable
            ? HealthCheckResult.Healthy($"{status.Partitions.Count(p => p.Assigned)} partitions assigned here")
            : HealthCheckResult.Unhealthy("Kafka brokers unreachable"));
    }
}
