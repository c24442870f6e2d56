using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Orleans.Saga.Client.Cluster;
using Orleans.Saga.Client.Settings;

namespace Orleans.Saga.Client.Cli;

/// <summary>
/// A <c>saga</c> command: its examples for <c>--help</c>, its configuration (base, then <c>--config</c>, then its own
/// flags), and the one place where failures become a one-line error and an exit code.
/// </summary>
public abstract class SagaCommand : Command
{
    protected SagaCommand(string name, string description, CliEnvironment environment, GlobalOptions global)
        : base(name, description)
    {
        Environment = environment;
        Global = global;
        SetAction(InvokeAsync);
    }

    /// <summary>Command lines shown under "Examples:" in the help, without the leading <c>saga</c>.</summary>
    public abstract IReadOnlyList<string> Examples { get; }

    protected CliEnvironment Environment { get; }

    protected GlobalOptions Global { get; }

    protected abstract Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken);

    /// <summary>Configuration keys this command's own flags set; they win over <c>--config</c>.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> FlagSettings(ParseResult parse) => [];

    protected IConfiguration Configuration(ParseResult parse) =>
        ClientConfiguration.With(Environment.Configuration, Global.ConfigPairs(parse).Concat(FlagSettings(parse)));

    protected bool Verbose(ParseResult parse) => parse.GetValue(Global.Verbose);

    protected Task<ClusterConnection> ConnectAsync(ParseResult parse, ClusterSettings settings, CancellationToken cancellationToken) =>
        Environment.ConnectCluster(settings, Verbose(parse), cancellationToken);

    private async Task<int> InvokeAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(parse, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Environment.Error.WriteLine("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception exception)
        {
            var failure = exception switch
            {
                CliException cli => cli,
                _ when ClusterUnreachableException.IsConnectionLoss(exception) => ClusterUnreachableException.Lost(exception),
                _ => null,
            };
            Environment.Error.WriteLine($"error: {(failure is null ? CliText.FirstLine(exception.Message) : failure.Message)}");
            if (Verbose(parse))
            {
                Environment.Error.WriteLine((failure?.InnerException ?? exception).ToString());
            }
            else if (failure is null)
            {
                Environment.Error.WriteLine("Run again with --verbose for details.");
            }

            return failure?.ExitCode ?? ExitCodes.Failed;
        }
    }
}
