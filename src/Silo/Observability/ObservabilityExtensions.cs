using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Orleans.Saga.Silo.Observability;

/// <summary>Metrics and the dashboard on the silo's web host.</summary>
public static class ObservabilityExtensions
{
    /// <summary>The OpenTelemetry service name (<c>service_name</c> of <c>target_info</c>).</summary>
    public const string ServiceName = "orleans-saga-silo";

    /// <summary>Collects <see cref="SagaMeters.Names"/> and .NET runtime metrics for the Prometheus endpoint, when enabled.</summary>
    public static IServiceCollection AddSagaMetrics(this IServiceCollection services, SagaMetricsOptions options)
    {
        if (options.Enabled)
        {
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(ServiceName))
                .WithMetrics(metrics => metrics
                    .AddMeter([.. SagaMeters.Names])
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter());
        }

        return services;
    }

    /// <summary>Serves the Prometheus text format at <see cref="SagaMetricsOptions.ScrapePath"/>, when enabled.</summary>
    public static WebApplication MapSagaMetrics(this WebApplication app, SagaMetricsOptions options)
    {
        if (options.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(SagaMetricsOptions.ScrapePath);
        }

        return app;
    }

    /// <summary>
    /// Maps the Orleans Dashboard at the root of its own listener. Dashboard routes answer only on the dashboard's
    /// port and every other route only off it, so a public HTTP port never exposes the dashboard.
    /// </summary>
    public static WebApplication MapSagaDashboard(this WebApplication app, SagaDashboardOptions options)
    {
        if (!options.Enabled)
        {
            return app;
        }

        app.Use((context, next) =>
        {
            var isDashboardRoute = context.GetEndpoint()?.Metadata.GetMetadata<DashboardRoute>() is not null;
            var onDashboardPort = context.Connection.LocalPort == options.Port;
            if (context.GetEndpoint() is not null && isDashboardRoute != onDashboardPort)
            {
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.MapOrleansDashboard().WithMetadata(DashboardRoute.Instance);
        return app;
    }

    /// <summary>Marks the dashboard's endpoints.</summary>
    private sealed class DashboardRoute
    {
        public static readonly DashboardRoute Instance = new();
    }
}
