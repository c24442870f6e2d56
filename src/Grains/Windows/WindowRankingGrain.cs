using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Saga.Domain.Ranking;
using Orleans.Saga.Domain.Windows;
using Orleans.Saga.Metrics;
using Orleans.Saga.Options;
using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Processing;
using Orleans.Storage;

namespace Orleans.Saga.Windows;

/// <summary>
/// The top-N grain of one (window, saga). Merges partitions' totals into the counts it serves live, upserts the open
/// window's rows at most once per flush interval and persists its totals at most once per save interval when they
/// changed, persists at once the totals partitions settle before forgetting the window (one write for all the
/// settles that arrived together), and writes the final rows once on close.
/// </summary>
/// <remarks>
/// Persisting per merge would cost one storage write per partition per checkpoint interval for every open window,
/// the pipeline's largest cost; the state holds every partition's totals, so even one write a second per window
/// kept the database busy. Merges lost with an activation are not lost to the rows: each partition keeps its
/// counts until it has settled them, and sends its complete totals again as soon as a merge shows the loss.
/// </remarks>
public sealed partial class WindowRankingGrain : Grain, IWindowRankingGrain
{
    private readonly IPersistentState<WindowRankingState> _state;
    private readonly IWindowRowStore _rows;
    private readonly PipelineOptions _options;
    private readonly WindowSettings _windows;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<WindowRankingGrain> _logger;
    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly PendingWrites<PartitionTotals> _settles = new();
    private readonly OneShotTurn _settleTurn;
    private IGrainTimer? _flushTimer;
    private IGrainTimer? _saveTimer;
    private bool _stateUnsaved;
    private bool _rowsStale;

    /// <summary>Storage holds another activation's write: this one must write nothing more.</summary>
    private bool _superseded;
    private bool _finalRowsWritten;
    private long _start;
    private string _label = string.Empty;

    public WindowRankingGrain(
        [PersistentState("ranking", SagaStreams.StorageName)] IPersistentState<WindowRankingState> state,
        IWindowRowStore rows,
        IOptions<PipelineOptions> options,
        IOptions<WindowSettings> windows,
        PipelineMetrics metrics,
        TimeProvider time,
        ILogger<WindowRankingGrain> logger)
    {
        _state = state;
        _rows = rows;
        _options = options.Value;
        _windows = windows.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _settleTurn = new OneShotTurn(this, SettlePendingAsync);
    }

    private WindowRankingState State => _state.State;

    private long End => _start + _windows.SizeSeconds;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _start = this.GetPrimaryKeyLong(out var label);
        _label = label ?? string.Empty;
        foreach (var contribution in State.Partitions.Values)
        {
            foreach (var (character, count) in contribution.Counts)
            {
                _totals[character] = _totals.GetValueOrDefault(character) + count;
            }
        }

        if (!State.IsFinal)
        {
            // The rows in the store may be older than the state that survived a crash.
            _rowsStale = _totals.Count > 0;

            // Interleaved: a row write takes a database round trip, and merges (which partitions' checkpoints wait for)
            // need not wait behind it. It reads the counts before its first await and changes no state.
            _flushTimer = this.RegisterGrainTimer(
                FlushRowsAsync,
                new GrainTimerCreationOptions(_options.FlushInterval, _options.FlushInterval) { Interleave = true });
            _saveTimer = this.RegisterGrainTimer(SaveChangedStateAsync, _options.RankingSaveInterval, _options.RankingSaveInterval);
        }

        return Task.CompletedTask;
    }

    public Task<long> Merge(PartitionTotals totals)
    {
        if (State.IsFinal)
        {
            LogMergeAfterClose(totals.Partition, _start, _label);
            return Task.FromResult(long.MaxValue);
        }

        return Task.FromResult(Apply(totals));
    }

    public Task Settle(PartitionTotals totals)
    {
        if (State.IsFinal)
        {
            // Closing needed this partition's seal, so what it settles now was settled before the window closed.
            return Task.CompletedTask;
        }

        // Runs interleaved with whatever the grain is doing, so it only queues: the state changes in a turn of its
        // own (a one-shot timer, not interleaved), after which every settle queued by then shares one write.
        var durable = _settles.Add(totals);
        _settleTurn.Request();
        return durable;
    }

    /// <summary>Applies the queued settles and acknowledges them once a write holds them (a final window holds them already).</summary>
    private async Task SettlePendingAsync()
    {
        if (_settles.IsEmpty)
        {
            return;
        }

        if (State.IsFinal)
        {
            _settles.TakeAll().Succeeded();
            return;
        }

        try
        {
            await ApplyQueuedSettlesAsync(SaveStateAsync);
        }
        catch
        {
            // The partitions keep these totals and settle them again with their next checkpoint.
        }
    }

    /// <summary>
    /// Applies every queued settle, makes them durable with <paramref name="write"/> and acknowledges them; a failed
    /// write fails them too (their partitions settle again) and escapes.
    /// </summary>
    private async Task ApplyQueuedSettlesAsync(Func<Task> write)
    {
        var batch = _settles.TakeAll();
        foreach (var totals in batch.Items)
        {
            Apply(totals);
        }

        try
        {
            await write();
        }
        catch (Exception exception)
        {
            batch.Failed(exception);
            throw;
        }

        batch.Succeeded();
    }

    /// <summary>Applies a partition's totals unless a newer push overtook them; returns the offset covered before.</summary>
    private long Apply(PartitionTotals totals)
    {
        if (!State.Partitions.TryGetValue(totals.Partition, out var contribution))
        {
            contribution = State.Partitions[totals.Partition] = new PartitionContribution();
        }

        var coveredBefore = contribution.CoveredOffset;
        if (totals.CoveredOffset < coveredBefore)
        {
            return coveredBefore; // An older checkpoint's totals, overtaken by a newer one.
        }

        foreach (var (character, count) in totals.Counts)
        {
            var previous = contribution.Counts.GetValueOrDefault(character);
            if (count != previous)
            {
                contribution.Counts[character] = count;
                _totals[character] = _totals.GetValueOrDefault(character) + count - previous;
                _rowsStale = true;
                _stateUnsaved = true;
            }
        }

        if (totals.CoveredOffset != coveredBefore)
        {
            contribution.CoveredOffset = totals.CoveredOffset;
            _stateUnsaved = true;
        }

        State.UpdatedUtc = _time.GetUtcNow();
        return coveredBefore;
    }

    private async Task SaveStateAsync()
    {
        if (_stateUnsaved)
        {
            await _state.WriteStateAsync();
            _stateUnsaved = false;
        }
    }

    public async Task Close()
    {
        if (!State.IsFinal)
        {
            // Settles still queued share the final write.
            await ApplyQueuedSettlesAsync(SaveFinalStateAsync);
        }

        if (_finalRowsWritten)
        {
            return;
        }

        // Also when the state was final already: an activation lost after the final state's write and before the
        // rows' is asked to close again, and writes them now (a final row in the store is never changed).
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), _options.MaxRetryBackoff);
        while (!await TryWriteRowsAsync(isFinal: true))
        {
            // The window stays open (and the index keeps asking) until its final rows are stored.
            await Task.Delay(backoff.Next());
        }

        _finalRowsWritten = true;
        DeactivateOnIdle(); // A closed window needs no memory; a query reactivates it from storage.
    }

    /// <summary>
    /// Makes the window final in storage before its final rows are written: the one write both freezes the totals and,
    /// through storage's version check, fails an activation that is not the current one (a silo declared dead but
    /// still running), so stale counts can never become final rows, which nothing could correct.
    /// </summary>
    private async Task SaveFinalStateAsync()
    {
        State.IsFinal = true;
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            State.IsFinal = false;
            throw;
        }

        _stateUnsaved = false;
        _flushTimer?.Dispose();
        _flushTimer = null;
        _saveTimer?.Dispose();
        _saveTimer = null;
        _rowsStale = false;
    }

    public Task<WindowLeaders> GetLeaders(int top)
    {
        var leaders = WindowRanker.Rank(_totals, Math.Max(1, top))
            .Select(r => new Leader(r.Character, r.Count, r.Rank))
            .ToList();
        return Task.FromResult(new WindowLeaders(_start, End, _label, State.IsFinal, leaders, _totals.Count(c => c.Value > 0), State.UpdatedUtc));
    }

    public Task<long> GetCount(string character) => Task.FromResult(_totals.GetValueOrDefault(character));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Settles queued while the window closed are acknowledged too: the final state holds them.
        await SettlePendingAsync();
        if (!State.IsFinal)
        {
            try
            {
                await SaveStateAsync();
            }
            catch (Exception exception)
            {
                // The partitions still hold these counts and send them again to the next activation.
                LogSaveFailed(exception, _start, _label);
            }
        }
    }

    /// <summary>Persists the merged totals when they changed since the last write (merges alone are not written).</summary>
    private async Task SaveChangedStateAsync(CancellationToken cancellationToken)
    {
        if (State.IsFinal || _superseded)
        {
            return;
        }

        try
        {
            await SaveStateAsync();
        }
        catch (InconsistentStateException exception)
        {
            // Storage holds another activation's write: this one is stale and must not write rows.
            _superseded = true;
            LogSaveFailed(exception, _start, _label);
            DeactivateOnIdle();
        }
        catch (Exception exception)
        {
            _metrics.FlushErrors.Add(1);
            LogSaveFailed(exception, _start, _label);
        }
    }

    /// <summary>Upserts the open window's rows when the counts changed; runs interleaved with the grain's calls.</summary>
    private async Task FlushRowsAsync(CancellationToken cancellationToken)
    {
        if (State.IsFinal || _superseded || !_rowsStale)
        {
            return;
        }

        // Cleared before the write: a merge during it marks the rows stale again for the next flush.
        _rowsStale = false;
        if (!await TryWriteRowsAsync(isFinal: false))
        {
            _rowsStale = true;
        }
    }

    private async Task<bool> TryWriteRowsAsync(bool isFinal)
    {
        var rows = WindowRanker.Rank(_totals, _windows.TopN)
            .Select(r => new WindowRow(r.Character, r.Count, r.Rank))
            .ToList();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _rows.WriteWindowAsync(
                DateTimeOffset.FromUnixTimeSeconds(_start),
                DateTimeOffset.FromUnixTimeSeconds(End),
                _label,
                rows,
                isFinal,
                CancellationToken.None);
            _metrics.FlushDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }
        catch (Exception exception)
        {
            _metrics.FlushErrors.Add(1);
            LogWriteFailed(exception, _start, _label, isFinal);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition {Partition} pushed totals to window {Start} of '{Label}' after it closed; ignored")]
    private partial void LogMergeAfterClose(int partition, long start, string label);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving the totals of window {Start} of '{Label}' failed; retrying at the next flush")]
    private partial void LogSaveFailed(Exception exception, long start, string label);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing rows of window {Start} of '{Label}' (final: {IsFinal}) failed; retrying")]
    private partial void LogWriteFailed(Exception exception, long start, string label, bool isFinal);
}
