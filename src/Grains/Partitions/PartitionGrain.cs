using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Saga.Domain.Events;
using Orleans.Saga.Domain.Windows;
using Orleans.Saga.Metrics;
using Orleans.Saga.Options;
using Orleans.Saga.Processing;
using Orleans.Saga.Streaming.Kafka;
using Orleans.Saga.Windows;
using Orleans.Storage;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Orleans.Saga.Partitions;

/// <summary>
/// One activation per Kafka partition. Each delivered batch is filtered by offset (replays are skipped, gaps ask the
/// receiver to rewind), processed, and counted into the partition's open windows. A checkpoint persists the state,
/// then pushes absolute totals to the ranking grains, then reports to the window index — in that order, so that
/// nothing downstream ever holds a count that a crash could take back.
/// </summary>
[ImplicitStreamSubscription(SagaStreams.EventNamespace)]
public sealed partial class PartitionGrain : Grain, IPartitionGrain, IStreamSubscriptionObserver
{
    private readonly IPersistentState<PartitionState> _state;
    private readonly RecordProcessor _processor;
    private readonly IDeadLetterPublisher _deadLetters;
    private readonly PipelineMetrics _metrics;
    private readonly PipelineOptions _options;
    private readonly WindowSettings _windows;
    private readonly TimeProvider _time;
    private readonly ILogger<PartitionGrain> _logger;

    private readonly Dictionary<WindowKey, WindowCounts> _openWindows = [];
    private readonly Dictionary<WindowKey, HashSet<string>> _unpushed = [];
    private readonly Dictionary<WindowKey, long> _pushedCoveredOffsets = [];
    private readonly List<WindowKey> _unreportedWindows = [];
    private PartitionWatermark _watermark = null!;
    private IWindowIndexGrain _index = null!;
    private IGrainTimer? _checkpointTimer;
    private TimeSpan _checkpointTimerInterval;

    private long? _durableNextOffset;
    private long? _rewindTo;
    private (long? To, long Epoch) _announcedRewind;
    private bool _stateChanged;
    private int _recordsSinceCheckpoint;
    private DateTimeOffset _lastCheckpointUtc;
    private DateTimeOffset? _lastDeliveryUtc;
    private DateTimeOffset _activatedUtc;
    private long _backlog;
    private long _logEndOffset = -1;

    public PartitionGrain(
        [PersistentState("partition", SagaStreams.StorageName)] IPersistentState<PartitionState> state,
        RecordProcessor processor,
        IDeadLetterPublisher deadLetters,
        PipelineMetrics metrics,
        IOptions<PipelineOptions> options,
        IOptions<WindowSettings> windows,
        TimeProvider time,
        ILogger<PartitionGrain> logger)
    {
        _state = state;
        _processor = processor;
        _deadLetters = deadLetters;
        _metrics = metrics;
        _options = options.Value;
        _windows = windows.Value;
        _time = time;
        _logger = logger;
    }

    private int Partition => (int)this.GetPrimaryKeyLong();

    private PartitionState State => _state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedUtc = _time.GetUtcNow();
        _watermark = new PartitionWatermark((long)_windows.AllowedLateness.TotalSeconds, State.MaxEventTime);
        foreach (var window in State.OpenWindows)
        {
            _openWindows[window.Key] = window;
            // The ranking grains may have missed the last push before a crash: send everything once more.
            _unpushed[window.Key] = [.. window.Counts.Keys];
            // So may the index the report: a crash between the write that made a window durable and the report that
            // announces it would leave a window the index never closes. Reporting a known window again changes nothing.
            _unreportedWindows.Add(window.Key);
        }

        _durableNextOffset = State.NextOffset;
        _announcedRewind = (null, State.RewindEpoch);
        if (State.NextOffset is long next)
        {
            // A receiver that outlived the previous activation may have delivered records past the stored offset to
            // it, and will not deliver them again by itself: if the partition then goes quiet, no gap ever shows.
            // Ask for a replay from what is stored; a contiguous delivery satisfies it before it is even announced.
            ReplayFrom(next);
        }

        _index = GrainFactory.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        var streamWatermark = await _index.Register(Partition);
        if (streamWatermark > State.StreamWatermark)
        {
            State.StreamWatermark = streamWatermark;
            _stateChanged = true;
        }

        _lastCheckpointUtc = _time.GetUtcNow();
        _checkpointTimerInterval = _options.CheckpointInterval;
        _checkpointTimer = this.RegisterGrainTimer(
            OnCheckpointTimerAsync,
            new GrainTimerCreationOptions(CheckpointTicks.UntilNext(_lastCheckpointUtc, _checkpointTimerInterval), Timeout.InfiniteTimeSpan) { KeepAlive = true });
        LogActivated(Partition, State.NextOffset, State.StreamWatermark, _openWindows.Count);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await CheckpointAsync();
        }
        catch (Exception exception)
        {
            // Whatever was not checkpointed is replayed from the durable offset by the next activation.
            LogCheckpointFailed(exception, Partition);
        }
        finally
        {
            _metrics.RemovePartition(Partition);
        }
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<KafkaRecord>().ResumeAsync(OnBatchAsync);

    public Task<PartitionCheckpoint> GetCheckpoint() =>
        Task.FromResult(new PartitionCheckpoint(_durableNextOffset, _announcedRewind.To, _announcedRewind.Epoch));

    public Task<PartitionCheckpoint> ExchangeWithReceiver(ReceiverProgress? progress)
    {
        if (_backlog > 0 && progress is { } read && State.NextOffset == read.HandedOverThrough && read.EndOfLog >= _logEndOffset)
        {
            // Everything the receiver read is counted, and what the last log end said was waiting holds no record
            // (a transaction's commit marker): nothing waits, so the partition may turn idle.
            _backlog = 0;
        }

        return GetCheckpoint();
    }

    public Task<PartitionStatus> GetStatus() => Task.FromResult(new PartitionStatus
    {
        Partition = Partition,
        Silo = RuntimeIdentity,
        NextOffset = State.NextOffset,
        DurableNextOffset = _durableNextOffset,
        MaxEventTime = State.MaxEventTime,
        Watermark = _watermark.Value,
        StreamWatermark = State.StreamWatermark,
        LastDeliveryUtc = _lastDeliveryUtc,
        LastCheckpointUtc = _lastCheckpointUtc,
        Counters = State.Counters.Clone(),
        OpenWindows = _openWindows.Count,
    });

    public Task Wake() => Task.CompletedTask;

    public async Task SealThrough(long streamWatermark)
    {
        // Queued behind deliveries and ticks: by now a tick may have sealed it already.
        if (streamWatermark > State.StreamWatermark)
        {
            await TryCheckpointAsync();
        }
    }

    private async Task OnBatchAsync(IList<SequentialItem<KafkaRecord>> batch)
    {
        _lastDeliveryUtc = _time.GetUtcNow();
        if (State.NextOffset is null && batch.Count > 0)
        {
            // Where the partition's first delivery starts is made durable before anything is counted: an activation
            // lost before its first checkpoint would otherwise leave the next one no offset to ask a replay from, and
            // the records it had taken would be skipped for good.
            State.NextOffset = batch[0].Item.PrecedingPosition;
            _stateChanged = true;
            await CheckpointUntilDoneAsync();
        }

        var records = AcceptInOrder(batch);
        if (records.Count > 0)
        {
            var processed = await _processor.ProcessAsync(records, State.StreamWatermark, CancellationToken.None);
            await DeadLetterAsync(processed);
            Count(processed);
            State.NextOffset = records[^1].Offset + 1;
            _stateChanged = true;
            _recordsSinceCheckpoint += records.Count;
        }

        if (batch.Count > 0 && batch[^1].Item.LogEndOffset >= 0)
        {
            _logEndOffset = batch[^1].Item.LogEndOffset;
            _backlog = Math.Max(0, _logEndOffset - (State.NextOffset ?? 0));
            if (_checkpointTimerInterval > _options.CheckpointInterval && _backlog < _options.CatchUpBacklog)
            {
                // Caught up: the next checkpoint is the next short tick, not the catch-up tick it was waiting for.
                ScheduleNextCheckpoint();
            }
        }

        if (_recordsSinceCheckpoint >= _options.CheckpointMaxRecords)
        {
            // Back-pressure: the partition does not take more records until its progress is durable.
            await CheckpointUntilDoneAsync();
        }
    }

    /// <summary>Keeps the records this partition has not processed yet, in offset order; asks for a rewind on a gap.</summary>
    private List<KafkaRecord> AcceptInOrder(IList<SequentialItem<KafkaRecord>> batch)
    {
        var accepted = new List<KafkaRecord>(batch.Count);
        var next = State.NextOffset;
        foreach (var item in batch)
        {
            var record = item.Item;
            if (next is long expected)
            {
                if (record.Offset < expected)
                {
                    State.Counters.Duplicates++;
                    _metrics.Duplicates.Add(1);
                    continue;
                }

                if (record.PrecedingPosition > expected)
                {
                    if (record.LostFrom is not long lostFrom || lostFrom > expected)
                    {
                        RequestRewind(expected, record);
                        break;
                    }

                    // Retention removed what this partition expected: no rewind can bring it back, and asking for one
                    // would stall the partition (and with it the stream watermark) for ever.
                    var lost = record.PrecedingPosition - expected;
                    State.Counters.LostToRetention += lost;
                    _metrics.LostToRetention.Add(lost);
                    LogLostToRetention(Partition, expected, record.PrecedingPosition);
                }
            }

            accepted.Add(record);
            next = record.Offset + 1;
        }

        if (accepted.Count > 0 && _rewindTo is not null)
        {
            LogRewindSatisfied(Partition, _rewindTo.Value);
            _rewindTo = null;
        }

        return accepted;
    }

    private void RequestRewind(long expected, KafkaRecord record)
    {
        if (_rewindTo == expected)
        {
            return;
        }

        ReplayFrom(expected);
        LogGap(Partition, expected, record.PrecedingPosition, record.Offset);
    }

    /// <summary>
    /// Asks the receiver to seek to <paramref name="offset"/> under a new rewind epoch. The receiver acts on an epoch
    /// once and ignores any it has seen, so the request is announced only once a checkpoint has made its epoch durable:
    /// a later activation then always asks with a larger one.
    /// </summary>
    private void ReplayFrom(long offset)
    {
        _rewindTo = offset;
        State.RewindEpoch++;
        _stateChanged = true;
    }

    private async Task DeadLetterAsync(ProcessedRecord[] processed)
    {
        var sends = new List<Task>();
        foreach (var record in processed)
        {
            if (record.Rejection is { } reason)
            {
                sends.Add(PublishUntilDoneAsync(record.Record, reason.ToCode(), record.Detail));
            }
        }

        await Task.WhenAll(sends);
    }

    private async Task PublishUntilDoneAsync(KafkaRecord record, string reason, string detail)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), _options.MaxRetryBackoff);
        while (true)
        {
            try
            {
                await _deadLetters.PublishAsync(record, reason, detail, CancellationToken.None);
                return;
            }
            catch (Exception exception)
            {
                LogDeadLetterFailed(exception, Partition, record.Offset, reason);
                await Task.Delay(backoff.Next());
            }
        }
    }

    private void Count(ProcessedRecord[] processed)
    {
        var counters = State.Counters;
        foreach (var record in processed)
        {
            counters.Consumed++;
            if (record.WatermarkTime is long time)
            {
                _watermark.Observe(time);
            }

            if (record.Rejection is { } reason)
            {
                var code = reason.ToCode();
                counters.Reject(code);
                counters.DeadLettered++;
                _metrics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", code));
                _metrics.DeadLettered.Add(1);
                LogRejected(Partition, record.Record.Offset, code, record.Detail);
                continue;
            }

            counters.Counted++;
            if (record.Label is null)
            {
                continue;
            }

            var key = new WindowKey(record.Window.Start, record.Label);
            var window = OpenWindow(key);
            var unpushed = _unpushed.TryGetValue(key, out var set) ? set : _unpushed[key] = [];
            foreach (var character in record.Characters)
            {
                window.Counts[character] = window.Counts.GetValueOrDefault(character) + 1;
                unpushed.Add(character);
            }

            counters.Mentions += record.Characters.Count;
        }

        State.MaxEventTime = _watermark.MaxEventTime;
        _metrics.Consumed.Add(processed.Length);
        _metrics.Counted.Add(processed.Count(r => r.Rejection is null));
    }

    private WindowCounts OpenWindow(WindowKey key)
    {
        if (!_openWindows.TryGetValue(key, out var window))
        {
            window = new WindowCounts { Start = key.Start, Label = key.Label };
            _openWindows[key] = window;
            State.OpenWindows.Add(window);
            _unreportedWindows.Add(key);
        }

        return window;
    }

    private async Task OnCheckpointTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await TryCheckpointAsync();
        }
        finally
        {
            ScheduleNextCheckpoint();
        }
    }

    /// <summary>A checkpoint whose failure is counted and logged: the next tick retries it.</summary>
    private async Task TryCheckpointAsync()
    {
        try
        {
            await CheckpointAsync();
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            _metrics.CheckpointErrors.Add(1);
            LogCheckpointFailed(exception, Partition);
        }
    }

    /// <summary>Arms the checkpoint timer for the next tick: the catch-up interval's while a backlog waits, else the interval's.</summary>
    private void ScheduleNextCheckpoint()
    {
        _checkpointTimerInterval = _backlog >= _options.CatchUpBacklog ? _options.CatchUpCheckpointInterval : _options.CheckpointInterval;
        _checkpointTimer?.Change(CheckpointTicks.UntilNext(_time.GetUtcNow(), _checkpointTimerInterval), Timeout.InfiniteTimeSpan);
    }

    private async Task CheckpointUntilDoneAsync()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), _options.MaxRetryBackoff);
        while (true)
        {
            try
            {
                await CheckpointAsync();
                return;
            }
            catch (Exception exception) when (exception is not InconsistentStateException)
            {
                _metrics.CheckpointErrors.Add(1);
                LogCheckpointFailed(exception, Partition);
                await Task.Delay(backoff.Next());
            }
        }
    }

    /// <summary>Persist, then push totals, then report: each step only runs once the one before it succeeded.</summary>
    /// <remarks>
    /// A version conflict on the write is never retried, since no retry can succeed: storage holds a version this
    /// activation never saw acknowledged (a write that committed while its connection failed, or another activation's).
    /// The callers let it escape, so Orleans deactivates this activation; the next one reads what is stored and has the
    /// receiver replay from there.
    /// </remarks>
    private async Task CheckpointAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await PersistAsync();
        await PushTotalsAsync();
        var streamWatermark = await ReportAsync();
        if (streamWatermark > State.StreamWatermark)
        {
            await SealAsync(streamWatermark);

            // The seal is made durable and reported now rather than a checkpoint interval later: windows close sooner.
            await PersistAsync();
            await ReportAsync();
        }

        _metrics.CheckpointDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _metrics.SetWatermarks(Partition, _watermark.Value, State.StreamWatermark == long.MinValue ? null : State.StreamWatermark);
    }

    private async Task PersistAsync()
    {
        if (_stateChanged)
        {
            await _state.WriteStateAsync();
            _stateChanged = false;
            _durableNextOffset = State.NextOffset;
            _announcedRewind = (_rewindTo, State.RewindEpoch);
            _recordsSinceCheckpoint = 0;
        }
    }

    /// <summary>Reports progress and the durable seal to the window index; returns the current stream watermark.</summary>
    private async Task<long> ReportAsync()
    {
        var report = new PartitionReport(Partition, _watermark.Value, _lastDeliveryUtc, State.StreamWatermark, [.. _unreportedWindows], _backlog, _activatedUtc);
        var streamWatermark = await _index.Report(report);
        _unreportedWindows.Clear();
        _lastCheckpointUtc = _time.GetUtcNow();
        return streamWatermark;
    }

    private async Task PushTotalsAsync()
    {
        if (_unpushed.Count == 0 || _durableNextOffset is not long covered)
        {
            return;
        }

        var pushes = _unpushed.Select(async pending =>
        {
            var (key, characters) = pending;
            var counts = _openWindows[key].Counts;
            var totals = characters.ToDictionary(c => c, c => counts[c], StringComparer.Ordinal);
            var coveredBefore = await Ranking(key).Merge(new PartitionTotals(Partition, covered, totals));
            return (key, coveredBefore);
        }).ToList();

        var merged = await Task.WhenAll(pushes);
        _unpushed.Clear();
        foreach (var (key, coveredBefore) in merged)
        {
            if (_pushedCoveredOffsets.TryGetValue(key, out var pushedBefore) && coveredBefore < pushedBefore)
            {
                // The ranking grain lost earlier pushes with its activation: send it everything at the next checkpoint.
                LogPushesLost(Partition, key.Start, key.Label, pushedBefore, coveredBefore);
                _unpushed[key] = [.. _openWindows[key].Counts.Keys];
            }

            _pushedCoveredOffsets[key] = covered;
        }
    }

    private IWindowRankingGrain Ranking(WindowKey key) => GrainFactory.GetGrain<IWindowRankingGrain>(key.Start, key.Label);

    /// <summary>
    /// Adopts a higher stream watermark: later events of windows ending at or before it are late. Their complete totals
    /// are settled with the ranking grains first (durable there), then the partition forgets them; the caller makes
    /// that durable and reports the watermark as sealed.
    /// </summary>
    private async Task SealAsync(long streamWatermark)
    {
        var size = _windows.SizeSeconds;
        var ended = State.OpenWindows
            .Where(window => window.Start + size <= streamWatermark)
            .ToList();
        if (ended.Count > 0)
        {
            var covered = _durableNextOffset ?? throw new InvalidOperationException("Windows are counted only after records, so a checkpoint has run.");
            await Task.WhenAll(ended.Select(window =>
                Ranking(window.Key).Settle(new PartitionTotals(Partition, covered, new Dictionary<string, long>(window.Counts, StringComparer.Ordinal)))));
        }

        State.StreamWatermark = streamWatermark;
        foreach (var window in ended)
        {
            State.OpenWindows.Remove(window);
            _openWindows.Remove(window.Key);
            _unpushed.Remove(window.Key);
            _pushedCoveredOffsets.Remove(window.Key);
        }

        _stateChanged = true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition} activated at offset {NextOffset}, stream watermark {StreamWatermark}, {OpenWindows} open windows")]
    private partial void LogActivated(int partition, long? nextOffset, long streamWatermark, int openWindows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: expected offset {Expected} but a record at {Offset} was reached from {PrecedingPosition}; asking the receiver to rewind")]
    private partial void LogGap(int partition, long expected, long precedingPosition, long offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition {Partition}: offsets [{Expected}, {Resumed}) were removed by Kafka's retention before they were read; their events are not counted. Continuing at {Resumed}")]
    private partial void LogLostToRetention(int partition, long expected, long resumed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition}: rewind to {Offset} satisfied")]
    private partial void LogRewindSatisfied(int partition, long offset);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partition {Partition}: record at offset {Offset} rejected ({Reason}): {Detail}")]
    private partial void LogRejected(int partition, long offset, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: dead-lettering offset {Offset} ({Reason}) failed; retrying")]
    private partial void LogDeadLetterFailed(Exception exception, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition}: the ranking grain of window {Start} of '{Label}' covered offset {CoveredBefore}, not {PushedBefore} as pushed; sending its complete totals again")]
    private partial void LogPushesLost(int partition, long start, string label, long pushedBefore, long coveredBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: checkpoint failed; it will be retried")]
    private partial void LogCheckpointFailed(Exception exception, int partition);
}
