using Microsoft.Extensions.Configuration;
using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Cluster;
using Spectre.Console;

namespace Orleans.Saga.Client.Tests.Infrastructure;

/// <summary>What a command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> OutLines => Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

    public string FirstErrorLine => Error.Split('\n')[0].TrimEnd('\r');

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- error\n{Error}";
}

/// <summary>
/// Runs <c>saga</c> in this process, as the binary would but with output captured in an 80-column, non-interactive
/// console, configuration from <paramref name="configuration"/> only (not this machine's environment), and, when a
/// client is given, that client instead of a new connection.
/// </summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(
        IClusterClient? client,
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string?>? configuration = null,
        CancellationToken cancellationToken = default)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 80;
        var environment = new CliEnvironment
        {
            Console = console,
            Out = output,
            Error = error,
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build(),
            ConnectCluster = client is null
                ? ClusterConnection.ConnectAsync
                : (settings, _, _) => Task.FromResult(ClusterConnection.Existing(client, settings)),
        };
        var exitCode = await SagaCli.RunAsync(args, environment, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(IClusterClient? client, params string[] args) => RunAsync(client, args, configuration: null);
}
