using Microsoft.Extensions.Configuration;
using MySqlConnector;
using Orleans.Saga.Persistence.MySql;

namespace Orleans.Saga.Client.Settings;

/// <summary>Where the cluster is and how to join it as a client; read from the silo's own keys.</summary>
public sealed record ClusterSettings
{
    /// <summary>Explicit gateways, <c>HOST:PORT</c> separated by commas (<c>--gateway</c>); they bypass <see cref="Clustering"/>.</summary>
    public const string GatewaysKey = "Saga:Client:Gateways";

    public ClusteringMode Clustering { get; init; } = ClusteringMode.Localhost;

    public string ClusterId { get; init; } = "orleans-saga";

    public string ServiceId { get; init; } = "orleans-saga";

    /// <summary>The silo's gateway port, used with <see cref="ClusteringMode.Localhost"/>.</summary>
    public int GatewayPort { get; init; } = 30000;

    public IReadOnlyList<string> Gateways { get; init; } = [];

    public string MySqlConnectionString { get; init; } = MySqlConnectionStrings.Default;

    /// <summary>How long connecting may take in all, retries included, before the cluster counts as unreachable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Default number of ranked characters (<c>Saga:Windows:TopN</c>), as in the rows the silo writes.</summary>
    public int TopN { get; init; } = 5;

    public static ClusterSettings From(IConfiguration configuration)
    {
        var defaults = new ClusterSettings();
        return new ClusterSettings
        {
            Clustering = configuration.GetValue("Saga:Clustering", defaults.Clustering),
            ClusterId = configuration["Saga:ClusterId"] ?? defaults.ClusterId,
            ServiceId = configuration["Saga:ServiceId"] ?? defaults.ServiceId,
            GatewayPort = configuration.GetValue("Saga:Silo:GatewayPort", defaults.GatewayPort),
            Gateways = (configuration[GatewaysKey] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            MySqlConnectionString = configuration.GetConnectionString("MySql") ?? defaults.MySqlConnectionString,
            ConnectTimeout = configuration.GetValue("Saga:Client:ConnectTimeout", defaults.ConnectTimeout),
            TopN = configuration.GetValue("Saga:Windows:TopN", defaults.TopN),
        };
    }

    /// <summary>What the client tries, for messages: the gateways, or the membership table, and the mode.</summary>
    public string Describe()
    {
        if (Gateways.Count > 0)
        {
            return $"{string.Join(", ", Gateways)} (--gateway)";
        }

        if (Clustering == ClusteringMode.Localhost)
        {
            return $"127.0.0.1:{GatewayPort} (Localhost clustering)";
        }

        // Never print the password: server, port and database say enough.
        var mySql = new MySqlConnectionStringBuilder(MySqlConnectionString);
        return $"the membership table in MySQL {mySql.Server}:{mySql.Port}/{mySql.Database} ({Clustering} clustering)";
    }
}
