using Orleans.Saga.Persistence.MySql;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>
/// A row store with the same rules as the MySQL one (upsert by window, label and rank; final rows never change),
/// which also records any attempt to change a final window so tests can assert there was none.
/// </summary>
public sealed class InMemoryWindowRowStore : IWindowRowStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(DateTimeOffset Start, string Label), StoredWindow> _windows = [];

    public int WritesAfterFinal { get; private set; }

    public int Writes { get; private set; }

    public Task WriteWindowAsync(DateTimeOffset windowStart, DateTimeOffset windowEnd, string label, IReadOnlyList<WindowRow> rows, bool isFinal, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Writes++;
            if (_windows.TryGetValue((windowStart, label), out var existing) && existing.IsFinal)
            {
                WritesAfterFinal++;
                return Task.CompletedTask;
            }

            _windows[(windowStart, label)] = new StoredWindow(windowStart, windowEnd, label, [.. rows], isFinal);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredWindowRow>> ReadWindowsAsync(DateTimeOffset? since, string? label, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<StoredWindowRow> rows = _windows.Values
                .Where(w => (since is null || w.End > since) && (label is null || w.Label == label))
                .SelectMany(w => w.Rows.Select(r => new StoredWindowRow(w.Start, w.End, w.Label, r.Character, r.Count, r.Rank, w.IsFinal, DateTimeOffset.UtcNow)))
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public IReadOnlyList<StoredWindow> Snapshot()
    {
        lock (_lock)
        {
            return [.. _windows.Values];
        }
    }

    public sealed record StoredWindow(DateTimeOffset Start, DateTimeOffset End, string Label, IReadOnlyList<WindowRow> Rows, bool IsFinal);
}
