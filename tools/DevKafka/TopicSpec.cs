using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Saga.DevKafka;

/// <summary>A topic to create: <c>NAME:PARTITIONS</c> on the command line, <c>NAME PARTITIONS</c> on the control channel.</summary>
internal sealed partial record TopicSpec(string Name, int Partitions)
{
    public const int MaxPartitions = 1000;

    /// <summary>Parses a comma-separated <c>name:partitions</c> list; an empty list is allowed.</summary>
    public static IReadOnlyList<TopicSpec> ParseList(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    public static TopicSpec Parse(string text)
    {
        var separator = text.LastIndexOf(':');
        if (separator < 0)
        {
            throw new FormatException($"Topic '{text}' must be NAME:PARTITIONS, e.g. events:4.");
        }

        return Create(text[..separator], text[(separator + 1)..]);
    }

    public static TopicSpec Create(string name, string partitions)
    {
        if (!LegalName().IsMatch(name) || name is "." or "..")
        {
            throw new FormatException($"Topic name '{name}' must be 1-249 characters of [a-zA-Z0-9._-].");
        }

        if (!int.TryParse(partitions, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxPartitions)
        {
            throw new FormatException($"Partition count '{partitions}' for topic '{name}' must be 1..{MaxPartitions}.");
        }

        return new TopicSpec(name, count);
    }

    public override string ToString() => $"{Name}:{Partitions}";

    // Kafka's own rule for topic names.
    [GeneratedRegex("^[a-zA-Z0-9._-]{1,249}$")]
    private static partial Regex LegalName();
}
