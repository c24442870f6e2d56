namespace Orleans.Saga.Windows;

/// <summary>
/// A partition's absolute mention counts for one (window, saga), as of a durable checkpoint.
/// Absolute totals tagged with the offset they cover merge idempotently: replays and retries never double count.
/// </summary>
/// <param name="Partition">The partition the totals come from.</param>
/// <param name="CoveredOffset">The partition's next offset at the checkpoint that produced these totals.</param>
/// <param name="Counts">Character name → total mentions in this partition; only characters that changed need be sent.</param>
[GenerateSerializer, Immutable]
public sealed record PartitionTotals(
    [property: Id(0)] int Partition,
    [property: Id(1)] long CoveredOffset,
    [property: Id(2)] IReadOnlyDictionary<string, long> Counts);
