using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Saga.Deploy.Tests.Infrastructure;

/// <summary>The samples of one scrape in the Prometheus text format.</summary>
internal sealed partial class PrometheusScrape
{
    private PrometheusScrape(IReadOnlyList<Sample> samples) => Samples = samples;

    public IReadOnlyList<Sample> Samples { get; }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"Not a Prometheus sample: {line}");
            }

            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(pair => pair.Groups["name"].Value, pair => pair.Groups["value"].Value, StringComparer.Ordinal);
            samples.Add(new Sample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value)));
        }

        return new PrometheusScrape(samples);
    }

    public bool Has(string name) => Samples.Any(sample => sample.Name == name);

    /// <summary>The sum of every series of <paramref name="name"/> whose labels include <paramref name="labels"/>; 0 if none.</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        Samples
            .Where(sample => sample.Name == name && labels.All(label => sample.Labels.GetValueOrDefault(label.Name) == label.Value))
            .Sum(sample => sample.Value);

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\S+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
