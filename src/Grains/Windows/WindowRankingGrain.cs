using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Saga.Domain.Ranking;
using Orleans.Saga.Domain.Windows;
using Orleans.Saga.Metrics;
using Orleans.Saga.Options;
using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Processing;

namespace Orleans.Saga.Windows;

/// <summary>
/// The top-N grain of one (window, saga). Merges partitions' totals (durably, before acknowledging), keeps the
/// merged counts in memory for live queries, upserts the open window's rows at most once per flush interval when
/// they changed, and writes the final rows once on close.
/// </summary>
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
    private IGrainTimer? _flushTimer;
    private bool _rowsStale;
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
            _flushTimer = this.RegisterGrainTimer(FlushAsync, _options.FlushInterval, _options.FlushInterval);
        }

        return Task.CompletedTask;
    }

    public async Task Merge(PartitionTotals totals)
    {
        if (State.IsFinal)
        {
            LogMergeAfterClose(totals.Partition, _start, _label);
            return;
        }

        if (!State.Partitions.TryGetValue(totals.Partition, out var contribution))
        {
            contribution = State.Partitions[totals.Partition] = new PartitionContribution();
        }

        if (totals.CoveredOffset < contribution.CoveredOffset)
        {
            return; // An older checkpoint's totals, overtaken by a newer one.
        }

        foreach (var (character, count) in totals.Counts)
        {
            var previous = contribution.Counts.GetValueOrDefault(character);
            if (count != previous)
            {
                contribution.Counts[character] = count;
                _totals[character] = _totals.GetValueOrDefault(character) + count - previous;
                _rowsStale = true;
            }
        }

        contribution.CoveredOffset = totals.CoveredOffset;
        State.UpdatedUtc = _time.GetUtcNow();
        await _state.WriteStateAsync();
    }

    public async Task Close()
    {
        if (State.IsFinal)
        {
            return;
        }

        // A write first: storage's version check fails an activation that is not the current one (a silo declared
        // dead but still running), so stale counts can never become final rows, which nothing could correct.
        await _state.WriteStateAsync();

        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), _options.MaxRetryBackoff);
        while (!await TryWriteRowsAsync(isFinal: true))
        {
            // The window stays open (and the index keeps asking) until its final rows are stored.
            await Task.Delay(backoff.Next());
        }

        State.IsFinal = true;
        await _state.WriteStateAsync();
        _flushTimer?.Dispose();
        _flushTimer = null;
        _rowsStale = false;
        DeactivateOnIdle(); // A closed window needs no memory; a query reactivates it from storage.
    }

    public Task<WindowLeaders> GetLeaders(int top)
    {
        var leaders = WindowRanker.Rank(_totals, Math.Max(1, top))
            .Select(r => new Leader(r.Character, r.Count, r.Rank))
            .ToList();
        return Task.FromResult(new WindowLeaders(_start, End, _label, State.IsFinal, leaders, _totals.Count(c => c.Value > 0), State.UpdatedUtc));
    }

    public Task<long> GetCount(string character) => Task.FromResult(_totals.GetValueOrDefault(character));

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_rowsStale && !State.IsFinal && await TryWriteRowsAsync(isFinal: false))
        {
            _rowsStale = false;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing rows of window {Start} of '{Label}' (final: {IsFinal}) failed; retrying")]
    private partial void LogWriteFailed(Exception exception, long start, string label, bool isFinal);
}
