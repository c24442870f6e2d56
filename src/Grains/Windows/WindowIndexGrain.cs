using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Saga.Domain.Windows;
using Orleans.Saga.Metrics;
using Orleans.Saga.Options;
using Orleans.Saga.Partitions;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Windows;

/// <summary>
/// Computes the stream watermark from the partitions' reports and closes a (window, saga) once every registered
/// partition has sealed a watermark at or past the window's end: by then each has pushed its final totals for it
/// and will dead-letter any later event of it as late. Closing asks the ranking grain to write its final rows.
/// Once the topic's partition count is known, a partition that has not registered yet holds the stream watermark as
/// one that has not seen an event does.
/// </summary>
public sealed partial class WindowIndexGrain : Grain, IWindowIndexGrain
{
    /// <summary>How many final windows the index remembers for listings; older ones live in the row store.</summary>
    private const int FinalHistory = 10_000;

    private readonly IPersistentState<WindowIndexState> _state;
    private readonly PipelineOptions _options;
    private readonly WindowSettings _windows;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly KafkaTopicPartitions _topicPartitions;
    private readonly ILogger<WindowIndexGrain> _logger;
    private readonly Dictionary<WindowKey, WindowInfo> _open = [];
    private readonly HashSet<WindowKey> _final = [];
    private StreamWatermark _watermark = null!;
    private readonly PendingWrites<int> _registrations = new();
    private readonly HashSet<int> _registering = [];
    private readonly OneShotTurn _registrationTurn;
    private readonly PendingWrites<PartitionReport> _reports = new();
    private readonly OneShotTurn _reportTurn;

    /// <summary>Windows whose ranking grain is writing their final rows; they stay open until it is done.</summary>
    private readonly HashSet<WindowKey> _closing = [];

    /// <summary>Windows whose final rows are written, waiting for a turn of the index's own to make them final.</summary>
    private readonly List<WindowInfo> _closed = [];
    private readonly OneShotTurn _closedTurn;
    private bool _stateChanged;

    /// <summary>Windows a report announced are in memory but not yet in a successful write.</summary>
    private bool _windowsUnsaved;

    public WindowIndexGrain(
        [PersistentState("index", SagaStreams.StorageName)] IPersistentState<WindowIndexState> state,
        IOptions<PipelineOptions> options,
        IOptions<WindowSettings> windows,
        PipelineMetrics metrics,
        TimeProvider time,
        [FromKeyedServices(SagaStreams.ProviderName)] KafkaTopicPartitions topicPartitions,
        ILogger<WindowIndexGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _windows = windows.Value;
        _metrics = metrics;
        _time = time;
        _topicPartitions = topicPartitions;
        _logger = logger;
        _registrationTurn = new OneShotTurn(this, RegisterQueuedAsync);
        _reportTurn = new OneShotTurn(this, ApplyQueuedReportsAsync);
        _closedTurn = new OneShotTurn(this, MarkClosedWindowsFinalAsync);
    }

    private WindowIndexState State => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watermark = new StreamWatermark(_windows.IdleTimeout, State.StreamWatermark);
        foreach (var (partition, progress) in State.Partitions)
        {
            _watermark.Report(partition, progress.Watermark, progress.LastBusyUtc);
        }

        foreach (var window in State.Open)
        {
            _open[new WindowKey(window.Start, window.Label)] = window;
        }

        foreach (var window in State.Final)
        {
            _final.Add(new WindowKey(window.Start, window.Label));
        }

        this.RegisterGrainTimer(
            OnTickAsync,
            new GrainTimerCreationOptions(_options.CheckpointInterval, _options.CheckpointInterval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<long> Register(int partition)
    {
        if (!State.Partitions.ContainsKey(partition) || _registering.Contains(partition))
        {
            // Runs interleaved, so it only queues: a one-shot timer turn registers every partition queued by then
            // with one write (64 at a silo's first start), and each registration is durable before its partition
            // counts anything: an index that lost one could close a window without that partition's totals.
            var durable = _registrations.Add(partition);
            _registrationTurn.Request();
            await durable;
        }

        return State.StreamWatermark;
    }

    public async Task<long> Report(PartitionReport report)
    {
        // Runs interleaved, so it only queues: a one-shot turn applies every report queued by then, and when they
        // announce windows, makes them durable with one write before answering any (known windows must survive a
        // crash of the index, or they would never be closed). Every partition reports at the same checkpoint
        // instants; answered one write at a time, the last of them waited for all the others' writes.
        var applied = _reports.Add(report);
        _reportTurn.Request();
        await applied;
        return State.StreamWatermark;
    }

    private async Task ApplyQueuedReportsAsync()
    {
        var batch = _reports.TakeAll();
        var now = _time.GetUtcNow();
        var before = State.StreamWatermark;
        var reporters = new HashSet<int>();
        foreach (var report in batch.Items)
        {
            reporters.Add(report.Partition);
            _windowsUnsaved |= Apply(report, now);
        }

        HoldForUnregisteredPartitions(now, wake: false);
        AdvanceWatermark(now);
        AskPartitionsToSealEarly(before, reporters);
        if (_windowsUnsaved)
        {
            try
            {
                await SaveAsync();
            }
            catch (Exception exception)
            {
                batch.Failed(exception);
                return;
            }
        }

        batch.Succeeded();

        // After the write: a window is closed only once the index's storage knows it.
        StartClosingSealedWindows();
    }

    /// <summary>Records one partition's report; returns whether it announced a window the index did not know.</summary>
    private bool Apply(PartitionReport report, DateTimeOffset now)
    {
        if (!State.Partitions.TryGetValue(report.Partition, out var progress))
        {
            progress = State.Partitions[report.Partition] = new PartitionProgress { SealedThrough = report.SealedThrough };
            _stateChanged = true;
        }

        progress.Watermark = report.Watermark;
        if (report.SealedThrough > progress.SealedThrough)
        {
            // This seal may be the last one a window waited for: the reports' turn closes it rather than the next tick.
            progress.SealedThrough = report.SealedThrough;
        }

        progress.LastDeliveryUtc = report.LastDeliveryUtc;
        progress.LastReportUtc = now;
        progress.Backlog = report.Backlog;
        progress.ActivatedUtc = report.ActivatedUtc;
        _watermark.Report(report.Partition, report.Watermark, progress.LastBusyUtc);

        var added = false;
        foreach (var key in report.NewWindows)
        {
            if (_final.Contains(key))
            {
                LogCountAfterClose(report.Partition, key.Start, key.Label);
                continue;
            }

            if (!_open.ContainsKey(key))
            {
                var window = new WindowInfo(key.Start, key.Start + _windows.SizeSeconds, key.Label, IsFinal: false);
                _open[key] = window;
                State.Open.Add(window);
                added = true;
            }
        }

        return added;
    }

    public Task<IReadOnlyList<WindowInfo>> GetWindows(string? label, long? since)
    {
        IReadOnlyList<WindowInfo> windows = State.Final.Concat(State.Open)
            .Where(w => (label is null || string.Equals(w.Label, label, StringComparison.Ordinal)) && (since is null || w.End > since))
            .OrderBy(w => w.Start)
            .ThenBy(w => w.Label, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(windows);
    }

    public Task<StreamStatus> GetStreamStatus()
    {
        var now = _time.GetUtcNow();
        var partitions = State.Partitions
            .OrderBy(p => p.Key)
            .Select(p => new PartitionWatermarkStatus(
                p.Key,
                p.Value.Watermark,
                p.Value.SealedThrough,
                p.Value.LastDeliveryUtc,
                p.Value.LastReportUtc,
                IsIdle: now - p.Value.LastBusyUtc >= _windows.IdleTimeout))
            .ToList();
        return Task.FromResult(new StreamStatus(State.StreamWatermark, partitions, _open.Count, State.Final.Count));
    }

    private void AdvanceWatermark(DateTimeOffset now)
    {
        var watermark = _watermark.Compute(now);
        if (watermark != State.StreamWatermark)
        {
            State.StreamWatermark = watermark;
            _stateChanged = true;
        }
    }

    /// <summary>
    /// When the stream watermark passes the end of an open window while no partition has a backlog (live traffic, or
    /// a backlog just read to its end), asks every partition that has not sealed that far to seal now: those that
    /// reported earlier in the same checkpoint round would otherwise seal only at their next tick, a checkpoint
    /// interval later. All are asked at once, so their settles reach each ranking grain together (one write). While
    /// any partition catches up, the ticks alone seal: settles spread over the round would cost more writes.
    /// </summary>
    /// <param name="before">The stream watermark before these reports or this tick.</param>
    /// <param name="reporters">The partitions whose reports advanced it, which seal with the answer they get.</param>
    private void AskPartitionsToSealEarly(long before, IReadOnlySet<int> reporters)
    {
        var watermark = State.StreamWatermark;
        if (watermark <= before
            || !_open.Values.Any(w => w.End > before && w.End <= watermark)
            || State.Partitions.Values.Any(p => p.Backlog > 0))
        {
            return;
        }

        foreach (var (partition, progress) in State.Partitions)
        {
            if (!reporters.Contains(partition) && progress.SealedThrough < watermark)
            {
                GrainFactory.GetGrain<IPartitionGrain>(partition).SealThrough(watermark).Ignore();
            }
        }
    }

    private async Task RegisterQueuedAsync()
    {
        var batch = _registrations.TakeAll();
        var now = _time.GetUtcNow();
        foreach (var partition in batch.Items)
        {
            if (State.Partitions.TryAdd(partition, new PartitionProgress { SealedThrough = State.StreamWatermark, LastReportUtc = now }))
            {
                // A new partition holds no counts yet, so it has sealed everything the stream has closed so far.
                _registering.Add(partition);
            }
        }

        try
        {
            if (_registering.Count > 0)
            {
                await SaveAsync();
            }
        }
        catch (Exception exception)
        {
            // Not registered: the partitions' activations fail and register again when retried.
            foreach (var partition in _registering)
            {
                State.Partitions.Remove(partition);
            }

            _registering.Clear();
            batch.Failed(exception);
            return;
        }

        foreach (var partition in _registering)
        {
            // Until its first event or the idle timeout, a new partition holds the stream watermark where it is.
            _watermark.Report(partition, null, State.Partitions[partition].LastBusyUtc);
            LogRegistered(partition, State.StreamWatermark);
        }

        _registering.Clear();
        batch.Succeeded();
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        HoldBackAndWakeStalePartitions(now);
        HoldForUnregisteredPartitions(now, wake: true);
        var before = State.StreamWatermark;
        AdvanceWatermark(now);
        AskPartitionsToSealEarly(before, reporters: ImmutableHashSet<int>.Empty);
        if (_stateChanged || _windowsUnsaved)
        {
            await SaveAsync();
        }

        StartClosingSealedWindows();
    }

    /// <summary>
    /// Writes the state. Only turns of the grain's own write, never interleaved calls, and the interleaved calls only
    /// read or queue: the storage serialises the state after its first await, so nothing may change it meanwhile (nor
    /// the flags). A failed write leaves the flags set: the next tick, or the next reports' turn, writes again.
    /// </summary>
    private async Task SaveAsync()
    {
        await _state.WriteStateAsync();
        (_stateChanged, _windowsUnsaved) = (false, false);
    }

    /// <summary>
    /// A partition that has stopped reporting — busy retrying a checkpoint, or its activation lost — may still hold
    /// records: it counts as active, not idle, until it reports again, so the stream watermark does not pass it by
    /// and turn its backlog into late events; and it is woken, in case its activation was lost. A partition that is
    /// really idle keeps reporting every checkpoint interval.
    /// </summary>
    private void HoldBackAndWakeStalePartitions(DateTimeOffset now)
    {
        foreach (var (partition, progress) in State.Partitions)
        {
            if (now - progress.LastReportUtc > _options.PartitionStaleAfter)
            {
                _watermark.Report(partition, progress.Watermark, now);
                GrainFactory.GetGrain<IPartitionGrain>(partition).Wake().Ignore();
            }
        }
    }

    /// <summary>
    /// A partition of the topic that has not registered — its receiver not started yet, say on a silo that joined
    /// later — may hold events of any time: it counts as active with no event seen, so the stream watermark waits for
    /// it rather than making its first records late. Woken, a partition with an empty log registers too, and then
    /// goes idle after the idle timeout like any other.
    /// </summary>
    private void HoldForUnregisteredPartitions(DateTimeOffset now, bool wake)
    {
        if (_topicPartitions.Count is not int count)
        {
            return;
        }

        for (var partition = 0; partition < count; partition++)
        {
            if (!State.Partitions.ContainsKey(partition))
            {
                _watermark.Report(partition, null, now);
                if (wake)
                {
                    GrainFactory.GetGrain<IPartitionGrain>(partition).Wake().Ignore();
                }
            }
        }
    }

    /// <summary>
    /// Asks the ranking grain of every open window that every partition has sealed to write its final rows. The index
    /// does not wait for them: its turns answer the partitions' reports, and a checkpoint that waited for a round of
    /// closes (two storage writes each) took no records meanwhile. A window stays open until its grain is done.
    /// </summary>
    private void StartClosingSealedWindows()
    {
        if (_open.Count == 0 || State.Partitions.Count == 0)
        {
            return;
        }

        var sealedThrough = State.Partitions.Values.Min(p => p.SealedThrough);
        foreach (var (key, window) in _open)
        {
            if (window.End <= sealedThrough && _closing.Add(key))
            {
                CloseAsync(key, window).Ignore();
            }
        }
    }

    /// <summary>Runs outside the index's turns, so it only queues: a turn of the index's own makes the window final.</summary>
    private async Task CloseAsync(WindowKey key, WindowInfo window)
    {
        try
        {
            await GrainFactory.GetGrain<IWindowRankingGrain>(window.Start, window.Label).Close();
        }
        catch (Exception exception)
        {
            // Still open: the next tick or report asks again.
            _closing.Remove(key);
            LogCloseFailed(exception, window.Start, window.Label);
            return;
        }

        _closed.Add(window);
        _closedTurn.Request();
    }

    private async Task MarkClosedWindowsFinalAsync()
    {
        if (_closed.Count == 0)
        {
            return;
        }

        foreach (var window in _closed)
        {
            var key = new WindowKey(window.Start, window.Label);
            _closing.Remove(key);
            _open.Remove(key);
            State.Open.Remove(window);
            State.Final.Add(window with { IsFinal = true });
            _final.Add(key);
        }

        if (State.Final.Count > FinalHistory)
        {
            var forgotten = State.Final.Count - FinalHistory;
            foreach (var window in State.Final.Take(forgotten))
            {
                _final.Remove(new WindowKey(window.Start, window.Label));
            }

            State.Final.RemoveRange(0, forgotten);
        }

        _metrics.WindowsClosed.Add(_closed.Count);
        LogClosed(_closed.Count);
        _closed.Clear();
        _stateChanged = true;

        // A failed write leaves the flags set: the next tick writes again.
        await SaveAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition} registered at stream watermark {StreamWatermark}")]
    private partial void LogRegistered(int partition, long streamWatermark);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} (window, saga) pairs: their final rows are written")]
    private partial void LogClosed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing window {Start} of '{Label}' failed; it stays open and is closed again at the next tick")]
    private partial void LogCloseFailed(Exception exception, long start, string label);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition {Partition} counted window {Start} of '{Label}' after it closed; those counts are not in its final rows")]
    private partial void LogCountAfterClose(int partition, long start, string label);
}
