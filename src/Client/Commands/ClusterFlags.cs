using System.CommandLine;
using Orleans.Saga.Client.Cluster;
using Orleans.Saga.Client.Settings;

namespace Orleans.Saga.Client.Commands;

/// <summary>The flags that say where the cluster is: shortcuts for configuration keys.</summary>
public sealed class ClusterFlags
{
    public Option<string[]> Gateway { get; } = new("--gateway")
    {
        Description = "Connect to this silo gateway instead of using Saga:Clustering (repeatable).",
        HelpName = "HOST:PORT",
    };

    public ClusterFlags()
    {
        Gateway.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => !GatewayAddress.TryParse(t.Value, out _)))
            {
                result.AddError($"--gateway expects HOST:PORT, got '{token.Value}'.");
            }
        });
    }

    public void AddTo(Command command) => command.Add(Gateway);

    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parse)
    {
        if (parse.GetValue(Gateway) is { Length: > 0 } gateways)
        {
            yield return new(ClusterSettings.GatewaysKey, string.Join(',', gateways));
        }
    }
}
