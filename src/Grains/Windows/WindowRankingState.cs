namespace Orleans.Saga.Windows;

/// <summary>
/// The per-partition totals of one (window, saga). Keeping each partition's absolute totals with the offset they
/// cover makes merging idempotent and lets the merged counts be rebuilt at any time.
/// </summary>
[GenerateSerializer]
public sealed class WindowRankingState
{
    [Id(0)] public Dictionary<int, PartitionContribution> Partitions { get; set; } = [];

    /// <summary>Set once the final rows are written; the window never changes again.</summary>
    [Id(1)] public bool IsFinal { get; set; }

    [Id(2)] public DateTimeOffset? UpdatedUtc { get; set; }
}

[GenerateSerializer]
public sealed class PartitionContribution
{
    [Id(0)] public long CoveredOffset { get; set; } = long.MinValue;
    [Id(1)] public Dictionary<string, long> Counts { get; set; } = new(StringComparer.Ordinal);
}
