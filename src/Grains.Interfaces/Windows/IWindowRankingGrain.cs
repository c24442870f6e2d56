using Orleans.Concurrency;

namespace Orleans.Saga.Windows;

/// <summary>
/// The top-N grain of one (window, saga): keyed by the window start (Unix seconds) and the saga label.
/// Merges the partitions' absolute totals, ranks them, and keeps the window's rows in the row store.
/// </summary>
public interface IWindowRankingGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>
    /// Merges a partition's totals into the live counts; they are made durable within a flush interval. Returns the
    /// offset this grain covered for the partition before the merge: one below the partition's previous push means
    /// pushes were lost with an activation, and the partition sends its complete totals again.
    /// </summary>
    Task<long> Merge(PartitionTotals totals);

    /// <summary>
    /// Merges a partition's complete totals for a window it is about to forget, and returns once they are durable:
    /// from then on the partition's counts for this window live here only.
    /// </summary>
    /// <remarks>
    /// Interleaved: a settle only queues its totals, so the settles of every partition arriving together are
    /// applied and made durable by one storage write instead of one write each.
    /// </remarks>
    [AlwaysInterleave]
    Task Settle(PartitionTotals totals);

    /// <summary>Writes the final rows and freezes the window; idempotent.</summary>
    Task Close();

    [AlwaysInterleave]
    Task<WindowLeaders> GetLeaders(int top);

    [AlwaysInterleave]
    Task<long> GetCount(string character);
}
