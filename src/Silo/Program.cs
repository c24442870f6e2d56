using Orleans.Saga.Silo.Health;
using Orleans.Saga.Silo.Hosting;
using Orleans.Saga.Silo.Observability;

// An Orleans.Saga silo: the pipeline's grains, the event source, and HTTP endpoints for health, metrics and the
// dashboard. Configuration: appsettings.json, then environment variables (Saga__Kafka__BootstrapServers=...), then
// --Key=Value.
var builder = WebApplication.CreateBuilder(args);
var endpoints = builder.Configuration.GetSection(SiloEndpointOptions.SectionName).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
var dashboard = builder.Configuration.GetSection(SagaDashboardOptions.SectionName).Get<SagaDashboardOptions>() ?? new SagaDashboardOptions();
var metrics = builder.Configuration.GetSection(SagaMetricsOptions.SectionName).Get<SagaMetricsOptions>() ?? new SagaMetricsOptions();

builder.WebHost.UseUrls(WebEndpoints.Urls(endpoints, dashboard));
builder.UseOrleans(silo => silo.AddSagaSilo(builder.Configuration));
builder.Services.AddSagaHealthChecks();
builder.Services.AddSagaMetrics(metrics);

var app = builder.Build();
app.MapSagaDashboard(dashboard);
app.MapSagaHealthChecks();
app.MapSagaMetrics(metrics);
app.Run();
