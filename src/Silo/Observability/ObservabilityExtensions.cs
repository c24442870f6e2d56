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
    /// Serves the Orleans Dashboard at the root of its own listener: a request on the dashboard's port goes to the
    /// dashboard's routes alone, and every other route answers only off it, so a public HTTP port never exposes the
    /// dashboard. The dashboard's routes are mapped on its first request, in a pipeline of their own: mapping them
    /// loads, copies and compresses the dashboard's embedded web assets (~17 MB), which at start cost the silo about a
    /// second of CPU, 100 MB of allocation and six full collections before it could start (docs/BENCHMARKS.md).
    /// </summary>
    public static WebApplication MapSagaDashboard(this WebApplication app, SagaDashboardOptions options)
    {
        if (!options.Enabled)
        {
            return app;
        }

        var dashboard = new Lazy<RequestDelegate>(() => BuildDashboard(app.Services), LazyThreadSafetyMode.ExecutionAndPublication);
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != options.Port)
            {
                return next(context);
            }

            // Whatever the silo's own routes matched does not apply on the dashboard's port.
            context.SetEndpoint(null);
            context.Request.RouteValues.Clear();
            return dashboard.Value(context);
        });
        return app;
    }

    private static RequestDelegate BuildDashboard(IServiceProvider services)
    {
        var dashboard = new ApplicationBuilder(services);
        dashboard.UseRouting();
        dashboard.UseEndpoints(endpoints => endpoints.MapOrleansDashboard());
        return dashboard.Build();
    }
}
