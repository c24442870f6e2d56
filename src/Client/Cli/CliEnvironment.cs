using Microsoft.Extensions.Configuration;
using Orleans.Saga.Client.Cluster;
using Orleans.Saga.Client.Settings;
using Spectre.Console;

namespace Orleans.Saga.Client.Cli;

/// <summary>Opens a connection to the cluster the settings describe.</summary>
public delegate Task<ClusterConnection> ClusterConnector(ClusterSettings settings, bool verbose, CancellationToken cancellationToken);

/// <summary>
/// What the commands take from the outside world: where to write, the base configuration, how to reach the cluster
/// and the clock. The process uses the real ones; tests capture the output and hand in a test cluster's client.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>Human output: tables, progress, live views.</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Machine output (<c>--json</c>) and help; the same stream as <see cref="Console"/> in the process.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Error lines.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Configuration before the command line's <c>--config</c> pairs and flags are layered on top.</summary>
    public required IConfiguration Configuration { get; init; }

    public ClusterConnector ConnectCluster { get; init; } = ClusterConnection.ConnectAsync;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The process's console, appsettings.json next to the binary and the environment variables.</summary>
    public static CliEnvironment ForProcess() => new()
    {
        Console = AnsiConsole.Console,
        Out = System.Console.Out,
        Error = System.Console.Error,
        Configuration = ClientConfiguration.Load(),
    };
}
