using Microsoft.Extensions.Configuration;

namespace Orleans.Saga.Client.Settings;

/// <summary>
/// The client reads the same keys as the silo: appsettings.json next to the binary, then environment variables
/// (<c>Saga__Kafka__BootstrapServers</c> for <c>Saga:Kafka:BootstrapServers</c>), then the command line.
/// </summary>
public static class ClientConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Layers command-line values over <paramref name="configuration"/>; later pairs win.</summary>
    public static IConfiguration With(IConfiguration configuration, IEnumerable<KeyValuePair<string, string?>> overrides) =>
        new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(overrides)
            .Build();
}
