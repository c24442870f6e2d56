using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Orleans.Saga.Deploy.Tests.Manifests;

/// <summary>YAML files as plain trees: maps, lists and scalar strings, with merge keys (<c>&lt;&lt;: *anchor</c>) resolved.</summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>Every document of a file.</summary>
    public static IReadOnlyList<Node> LoadAll(string path)
    {
        using var reader = File.OpenText(path);
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<Node>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(new Node(Deserializer.Deserialize(parser), path));
        }

        return documents;
    }

    public static Node Load(string path) => LoadAll(path).Single();
}

/// <summary>A position in a YAML tree; missing keys give an empty node, so paths read like the file.</summary>
internal sealed class Node(object? value, string path)
{
    public object? Value { get; } = value;

    public string Path { get; } = path;

    public bool Exists => Value is not null;

    public Node this[string key] => new(
        Value is IDictionary<object, object?> map && map.TryGetValue(key, out var child) ? child : null,
        $"{Path}.{key}");

    public string? Text => Value as string;

    /// <summary>The scalar, or a failure naming where it was expected.</summary>
    public string Required => Text ?? throw new Xunit.Sdk.XunitException($"{Path} is missing or not a scalar.");

    public IReadOnlyList<Node> Items => Value is IList<object?> list
        ? [.. list.Select((item, index) => new Node(item, $"{Path}[{index}]"))]
        : [];

    public IReadOnlyDictionary<string, Node> Entries => Value is IDictionary<object, object?> map
        ? map.ToDictionary(pair => (string)pair.Key, pair => new Node(pair.Value, $"{Path}.{pair.Key}"), StringComparer.Ordinal)
        : new Dictionary<string, Node>();

    /// <summary>A map of scalars (labels, an environment), or a compose-style list of <c>NAME=value</c>.</summary>
    public IReadOnlyDictionary<string, string> Strings => Value switch
    {
        IDictionary<object, object?> map => map.ToDictionary(pair => (string)pair.Key, pair => pair.Value as string ?? string.Empty, StringComparer.Ordinal),
        IList<object?> list => list.OfType<string>().Select(item => item.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair.ElementAtOrDefault(1) ?? string.Empty, StringComparer.Ordinal),
        _ => new Dictionary<string, string>(),
    };

    public override string ToString() => $"{Path} = {Value}";
}
