namespace Orleans.Saga.Domain.Ranking;

/// <summary>Ranks the characters of one (window, saga): count descending, then name ordinal ascending.</summary>
public static class WindowRanker
{
    /// <summary>The top <paramref name="topN"/> characters with a positive count, ranked 1..topN.</summary>
    public static IReadOnlyList<RankedCharacter> Rank(IEnumerable<KeyValuePair<string, long>> counts, int topN)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(topN, 1);

        var positive = counts.Where(c => c.Value > 0).ToList();
        positive.Sort(static (a, b) => a.Value != b.Value
            ? b.Value.CompareTo(a.Value)
            : string.CompareOrdinal(a.Key, b.Key));

        var ranked = new List<RankedCharacter>(Math.Min(topN, positive.Count));
        for (var i = 0; i < positive.Count && i < topN; i++)
        {
            ranked.Add(new RankedCharacter(positive[i].Key, positive[i].Value, i + 1));
        }

        return ranked;
    }
}
