using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Orleans.Saga.Silo.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (silo, database and brokers reachable).</summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string Ready = "ready";

    /// <summary>A check that has not answered within this long counts as unhealthy; probes must not hang.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddSagaHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<KafkaHealthCheck>("kafka", tags: [Ready], timeout: CheckTimeout);
        return services;
    }

    public static WebApplication MapSagaHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}
