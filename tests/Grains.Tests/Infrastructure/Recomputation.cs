using System.Globalization;
using System.Text;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>
/// The independent answer the pipeline must match, written plainly: a naive scan per name for mentions, a vote per
/// saga for the label, LINQ for counting and ranking. It shares no code with the pipeline.
/// </summary>
public static class Recomputation
{
    public sealed record Row(long WindowStart, string Label, string Character, long Count, int Rank);

    /// <summary>Orders rows by window, label (ordinal) and rank, so that two row lists compare element by element.</summary>
    public static readonly IComparer<Row> RowOrder = Comparer<Row>.Create((a, b) =>
        a.WindowStart != b.WindowStart ? a.WindowStart.CompareTo(b.WindowStart)
        : string.CompareOrdinal(a.Label, b.Label) is var byLabel and not 0 ? byLabel
        : a.Rank.CompareTo(b.Rank));

    public static IReadOnlyList<string> Mentions(string text, IEnumerable<string> names) =>
        names.Where(name => Mentions(text, name)).ToList();

    public static bool Mentions(string text, string name)
    {
        for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (!IsLetterOrDigitBefore(text, at) && !IsLetterOrDigitAt(text, at + name.Length))
            {
                return true;
            }
        }

        return false;
    }

    public static string Label(IReadOnlyList<string> mentioned, IReadOnlyDictionary<string, string?> sagaOf)
    {
        var votes = mentioned.Select(m => sagaOf[m]).Where(s => s is not null).GroupBy(s => s!).ToList();
        if (votes.Count == 0)
        {
            return "unknown";
        }

        var most = votes.Max(g => g.Count());
        return votes.Where(g => g.Count() == most).Select(g => g.Key).OrderBy(s => s, StringComparer.Ordinal).First();
    }

    /// <summary>All counts per (window, label, character) of the given counted events, ranked, top <paramref name="topN"/>.</summary>
    public static IReadOnlyList<Row> Rank(IEnumerable<(long Time, string Text)> countedEvents, (string Name, string? Saga)[] characters, long windowSize, int topN)
    {
        var names = characters.Select(c => c.Name).ToList();
        var sagaOf = characters.ToDictionary(c => c.Name, c => c.Saga);
        return countedEvents
            .Select(e => (e.Time, Mentioned: Mentions(e.Text, names)))
            .Where(e => e.Mentioned.Count > 0)
            .SelectMany(e => e.Mentioned.Select(m => (Window: e.Time / windowSize * windowSize, Label: Label(e.Mentioned, sagaOf), Character: m)))
            .GroupBy(x => x)
            .Select(g => (g.Key.Window, g.Key.Label, g.Key.Character, Count: (long)g.Count()))
            .GroupBy(x => (x.Window, x.Label))
            .SelectMany(g => g
                .OrderByDescending(x => x.Count)
                .ThenBy(x => x.Character, StringComparer.Ordinal)
                .Take(topN)
                .Select((x, i) => new Row(x.Window, x.Label, x.Character, x.Count, i + 1)))
            .ToList();
    }

    private static bool IsLetterOrDigitBefore(string text, int index) =>
        index > 0 && Rune.TryGetRuneAt(text, char.IsLowSurrogate(text[index - 1]) && index > 1 ? index - 2 : index - 1, out var rune) && Rune.IsLetterOrDigit(rune);

    private static bool IsLetterOrDigitAt(string text, int index) =>
        index < text.Length && Rune.TryGetRuneAt(text, index, out var rune) && Rune.IsLetterOrDigit(rune);

    public static string Iso(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("u", CultureInfo.InvariantCulture);
}
