using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Saga.Persistence.MySql;

namespace Orleans.Saga.Silo.Health;

/// <summary>Ready only while MySQL answers: grain state and window rows both live there.</summary>
public sealed class DatabaseHealthCheck(IWindowRowStore rows) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await rows.PingAsync(cancellationToken)
                ? HealthCheckResult.Healthy("MySQL answers")
                : HealthCheckResult.Unhealthy("MySQL does not answer");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("MySQL does not answer", exception);
        }
    }
}
