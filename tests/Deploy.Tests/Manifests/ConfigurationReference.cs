using System.Text.RegularExpressions;
using Orleans.Saga.Deploy.Tests.Infrastructure;

namespace Orleans.Saga.Deploy.Tests.Manifests;

/// <summary>
/// The keys documented in docs/CONFIGURATION.md, read from its tables: a section heading may give a prefix
/// (<c>## Kafka (`Saga:Kafka`)</c>), and a cell may list siblings (<c>`Saga:Silo:SiloPort` / `GatewayPort`</c>).
/// </summary>
internal sealed partial class ConfigurationReference
{
    private readonly HashSet<string> _keys;
    private readonly HashSet<string> _environmentVariables;

    private ConfigurationReference(HashSet<string> keys, HashSet<string> environmentVariables)
    {
        _keys = keys;
        _environmentVariables = environmentVariables;
    }

    public static ConfigurationReference Instance { get; } = Load(RepositoryPaths.ConfigurationReference);

    public IReadOnlySet<string> Keys => _keys;

    public static ConfigurationReference Load(string path)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var variables = new HashSet<string>(StringComparer.Ordinal);
        string? prefix = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                var section = HeadingPrefix().Match(line);
                prefix = section.Success ? section.Groups["prefix"].Value : null;
                continue;
            }

            if (!line.StartsWith("| `", StringComparison.Ordinal))
            {
                continue;
            }

            var cell = line.Split('|')[1];
            string? parent = prefix;
            foreach (var name in Backticked().Matches(cell).Select(match => match.Groups["name"].Value))
            {
                if (EnvironmentVariableName().IsMatch(name))
                {
                    variables.Add(name);
                    continue;
                }

                var key = name.Contains(':', StringComparison.Ordinal) || parent is null ? name : $"{parent}:{name}";
                keys.Add(key);
                parent = key.Contains(':', StringComparison.Ordinal) ? key[..key.LastIndexOf(':')] : parent;
            }
        }

        return new ConfigurationReference(keys, variables);
    }

    /// <summary>
    /// Whether an environment variable configures the service: <c>Saga__Kafka__Topic</c> names a documented key
    /// (entries of a documented <c>...Settings</c> dictionary included), or the name itself is documented.
    /// </summary>
    public bool Documents(string environmentVariable)
    {
        if (!environmentVariable.Contains("__", StringComparison.Ordinal))
        {
            return _environmentVariables.Contains(environmentVariable);
        }

        var key = environmentVariable.Replace("__", ":", StringComparison.Ordinal);
        return _keys.Contains(key)
            || _keys.Any(documented => documented.EndsWith("Settings", StringComparison.Ordinal)
                && key.StartsWith(documented + ":", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"\(`(?<prefix>[A-Za-z][A-Za-z:]*)`\)")]
    private static partial Regex HeadingPrefix();

    [GeneratedRegex(@"`(?<name>[^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();
}
