using System.CommandLine;

namespace Orleans.Saga.Client.Cli;

/// <summary>Options every command accepts.</summary>
public sealed class GlobalOptions
{
    public Option<string[]> Config { get; } = new("--config", "-c")
    {
        Description = "Set a configuration key, e.g. -c Saga:Clustering=AdoNet (repeatable). Wins over appsettings.json and Saga__* variables.",
        HelpName = "KEY=VALUE",
        Recursive = true,
        DefaultValueFactory = _ => [],
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print client logs and, on failure, the full exception.",
        Recursive = true,
    };

    public GlobalOptions()
    {
        Config.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!TrySplit(token.Value, out _))
                {
                    result.AddError($"--config expects KEY=VALUE, got '{token.Value}'.");
                }
            }
        });
    }

    public void AddTo(Command root)
    {
        root.Add(Config);
        root.Add(Verbose);
    }

    public IEnumerable<KeyValuePair<string, string?>> ConfigPairs(ParseResult parse) =>
        (parse.GetValue(Config) ?? []).Select(pair => TrySplit(pair, out var split) ? split : throw new FormatException(pair));

    private static bool TrySplit(string pair, out KeyValuePair<string, string?> split)
    {
        var equals = pair.IndexOf('=');
        split = equals > 0 ? new(pair[..equals].Trim(), pair[(equals + 1)..]) : default;
        return equals > 0 && split.Key.Length > 0;
    }
}
