using Orleans.Saga.Domain.Ranking;
using Orleans.Saga.Domain.Windows;

namespace Orleans.Saga.Bench.EndToEnd.Workload;

/// <summary>The final rows a correct pipeline must write for the produced events: a from-scratch recomputation.</summary>
public sealed class ExpectedRows(long windowSeconds, int topN)
{
    private readonly Dictionary<(long Start, string Label), Dictionary<string, long>> _counts = [];

    /// <summary>The (window, saga) pairs that get rows.</summary>
    public int Windows => _counts.Count;

    public void Add(long time, LabelledText text)
    {
        if (text.Label is null)
        {
            return;
        }

        var key = (TimeWindow.Containing(time, windowSeconds).Start, text.Label);
        if (!_counts.TryGetValue(key, out var counts))
        {
            counts = _counts[key] = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        foreach (var character in text.Characters)
        {
            counts[character] = counts.GetValueOrDefault(character) + 1;
        }
    }

    public IReadOnlySet<WindowRowValue> Rows() => _counts
        .SelectMany(pair => WindowRanker.Rank(pair.Value, topN)
            .Select(r => new WindowRowValue(pair.Key.Start, pair.Key.Label, r.Character, r.Count, r.Rank)))
        .ToHashSet();
}

/// <summary>One row of <c>kafka_streams</c> as compared: window start (Unix seconds), saga, character, count, rank.</summary>
public readonly record struct WindowRowValue(long Start, string Label, string Character, long Count, int Rank);
