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

    /// <summary>Writes begun, including those still waiting out <see cref="WriteDelay"/>.</summary>
    public int WritesStarted => _writesStarted;

    /// <summary>How long each write takes before it lands, like a database's round trip (none by default).</summary>
    public TimeSpan WriteDelay { get; set; }

    private int _writesStarted;

    public async Task WriteWindowAsync(DateTimeOffset windowStart, DateTimeOffset windowEnd, string label, IReadOnlyList<WindowRow> rows, bool isFinal, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writesStarted);
        if (WriteDelay > TimeSpan.Zero)
        {
            await Task.Delay(WriteDelay, cancellationToken);
        }

        lock (_lock)
        {
            Writes++;
            if (_windows.TryGetValue((windowStart, label), out var existing) && existing.IsFinal)
            {
                WritesAfterFinal++;
                return;
            }

            _windows[(windowStart, label)] = new StoredWindow(windowStart, windowEnd, label, [.. rows], isFinal);
        }
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
