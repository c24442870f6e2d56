using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orleans.Saga.Silo.Health;
using Orleans.Saga.Silo.Hosting;

// An Orleans.Saga silo: the pipeline's grains, the event source, and HTTP endpoints for health.
// Configuration: appsettings.json, then environment variables (Saga__Kafka__BootstrapServers=...), then --Key=Value.
var builder = WebApplication.CreateBuilder(args);
var endpoints = builder.Configuration.GetSection(SiloEndpointOptions.SectionName).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
builder.WebHost.UseUrls($"http://{endpoints.HttpAddress}:{endpoints.HttpPort}");
builder.UseOrleans(silo => silo.AddSagaSilo(builder.Configuration));

const string Ready = "ready";
builder.Services.AddHealthChecks()
    .AddCheck<SiloHealthCheck>("silo", tags: [Ready])
    .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
    .AddCheck<KafkaHealthCheck>("kafka", tags: [Ready]);

var app = builder.Build();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
app.Run();
