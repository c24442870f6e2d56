using Orleans.Saga.Client.Cli;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Queries;

/// <summary>
/// Which window of each saga a query is about (<c>--window</c>). Windows are in event time: "now" is the newest
/// window still open, whatever the wall clock says, since the stream may be replaying the past.
/// </summary>
public sealed record WindowChoice
{
    public const string Help = "now (each saga's newest open window), last (its newest final one), or a time (the window holding it)";

    private WindowChoice(string name, DateTimeOffset? time)
    {
        Name = name;
        Time = time;
    }

    public static WindowChoice Now { get; } = new("now", null);

    public static WindowChoice Last { get; } = new("last", null);

    /// <summary>"now", "last", or the time as given.</summary>
    public string Name { get; }

    /// <summary>For a window chosen by time, the time it must hold.</summary>
    public DateTimeOffset? Time { get; }

    public static WindowChoice At(DateTimeOffset time) =>
        new(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), time);

    public static bool TryParse(string text, out WindowChoice choice)
    {
        choice = text.Trim().ToLowerInvariant() switch
        {
            "now" => Now,
            "last" => Last,
            _ => TimeText.TryParseInstant(text, out var time) ? At(time) : null!,
        };
        return choice is not null;
    }

    /// <summary>Narrows the index query: only windows that end after this can hold <see cref="Time"/>.</summary>
    public long? Since => Time?.ToUnixTimeSeconds();

    public override string ToString() => Name;

    /// <summary>The chosen windows among those the cluster knows, one per saga at most, in saga order.</summary>
    public IReadOnlyList<WindowInfo> Select(IEnumerable<WindowInfo> known)
    {
        var chosen = Time is { } time
            ? known.Where(w => w.Start <= time.ToUnixTimeSeconds() && time.ToUnixTimeSeconds() < w.End)
            : known
                .Where(w => w.IsFinal == (this == Last))
                .GroupBy(w => w.Label, StringComparer.Ordinal)
                .Select(g => g.MaxBy(w => w.Start)!);
        return chosen.OrderBy(w => w.Label, StringComparer.Ordinal).ThenBy(w => w.Start).ToList();
    }
}
