namespace Orleans.Saga.Persistence.MySql;

/// <summary>
/// Keeps the ranked rows of each (window, label) in <c>seedtag.kafka_streams</c>.
/// </summary>
/// <remarks>
/// Writes are idempotent: replaying a write leaves the same rows. Implementations do not retry;
/// a database that cannot be reached or is busy surfaces as <see cref="WindowStoreUnavailableException"/>
/// and the caller retries with backoff.
/// </remarks>
public interface IWindowRowStore
{
    /// <summary>
    /// Replaces the rows of one (window, label) with <paramref name="rows"/> in one transaction:
    /// upserts them and deletes ranks beyond <c>rows.Count</c>. Once a window has been written with
    /// <paramref name="isFinal"/> set, later writes of it change nothing.
    /// </summary>
    /// <param name="windowStart">Start of the window; whole seconds.</param>
    /// <param name="windowEnd">End of the window; whole seconds, after <paramref name="windowStart"/>.</param>
    /// <param name="label">The saga label, verbatim (at most 255 characters).</param>
    /// <param name="rows">The ranked rows; their ranks must be exactly 1..<c>rows.Count</c>.</param>
    /// <param name="isFinal">Whether the window is closed and these are its final rows.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is committed then.</param>
    /// <exception cref="WindowStoreUnavailableException">The database is unreachable or busy; retry later.</exception>
    Task WriteWindowAsync(
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        string label,
        IReadOnlyList<WindowRow> rows,
        bool isFinal,
        CancellationToken cancellationToken);

    /// <summary>
    /// Reads stored rows ordered by window start, label and rank.
    /// </summary>
    /// <param name="since">When set, only windows starting at or after this time.</param>
    /// <param name="label">When set, only this label (exact match).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="WindowStoreUnavailableException">The database is unreachable or busy; retry later.</exception>
    Task<IReadOnlyList<StoredWindowRow>> ReadWindowsAsync(DateTimeOffset? since, string? label, CancellationToken cancellationToken);

    /// <summary>Whether the database answers now (for health checks); never throws for database errors.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
