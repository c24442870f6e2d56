using System.Globalization;

namespace Orleans.Saga.Bench.EndToEnd.Pipeline;

/// <summary>One sample of Prometheus text format: the series name, its label text (<c>{...}</c>, or empty) and its value.</summary>
public readonly record struct PrometheusSample(string Name, string Labels, double Value)
{
    /// <summary>The silo's <c>/metrics</c> at the end of a run, or null if it did not answer.</summary>
    public static async Task<IReadOnlyList<PrometheusSample>?> TryReadAsync(SiloSettings settings, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{settings.HttpPort}/metrics"), cancellationToken));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.StartsWith('#') || space < 0
                || !double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var nameEnd = Math.Max(0, line.IndexOfAny([' ', '{']));
            var labels = line[nameEnd] == '{' ? line[nameEnd..(line.LastIndexOf('}') + 1)] : "";
            samples.Add(new PrometheusSample(line[..nameEnd], labels, value));
        }

        return samples;
    }
}
