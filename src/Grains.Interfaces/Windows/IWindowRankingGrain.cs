using Orleans.Concurrency;

namespace Orleans.Saga.Windows;

/// <summary>
/// The top-N grain of one (window, saga): keyed by the window start (Unix seconds) and the saga label.
/// Merges the partitions' absolute totals, ranks them, and keeps the window's rows in the row store.
/// </summary>
public interface IWindowRankingGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>Merges a partition's totals; returns once they are durable.</summary>
    Task Merge(PartitionTotals totals);

    /// <summary>Writes the final rows and freezes the window; idempotent.</summary>
    Task Close();

    [AlwaysInterleave]
    Task<WindowLeaders> GetLeaders(int top);

    [AlwaysInterleave]
    Task<long> GetCount(string character);
}
