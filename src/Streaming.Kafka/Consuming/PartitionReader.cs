using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// One partition as the silo's <see cref="TopicConsumer"/> reads it: gathers the partition's records into batch
/// containers, tracking the exact consumer position each record was reached from, and holds them for its pulling
/// agent.
/// </summary>
/// <remarks>
/// Members marked "consume thread" run only on the topic consumer's thread: every repositioning (start, rewind,
/// recovery from an out-of-range position) happens there, so the position that feeds
/// <see cref="KafkaRecord.PrecedingPosition"/> is always the one the next record was fetched from. Offsets are
/// stored for commit from any thread; librdkafka commits them in the background.
/// </remarks>
internal sealed partial class PartitionReader
{
    private static readonly TimeSpan BrokerCallTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly KafkaStreamOptions _options;
    private readonly StreamId _streamId;
    private readonly TopicConsumer _consumer;
    private readonly KafkaStreamMetrics _metrics;
    private readonly ILogger _logger;
    private readonly BatchHandoff _handoff = new(capacity: 2);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();

    // Consume thread only.
    private readonly List<(Message<byte[]?, byte[]?> Message, long Offset, long PrecedingPosition, long? LostFrom)> _pending = [];
    private long _pendingBytes;
    private long _position;
    private long? _lostFrom;
    private long _rewindEpoch;
    private bool _attached;
    private bool _assigned;
    private bool _paused;

    // Guarded by _lock; the last two are written on the consume thread only, which reads them without it.
    private (long Offset, long Epoch)? _requestedRewind;
    private long? _storedOffset;
    private long? _handedOverThrough;
    private long? _endOfLog;

    public PartitionReader(
        KafkaStreamOptions options,
        int partition,
        StreamId streamId,
        TopicConsumer consumer,
        PartitionStatusTracker status,
        KafkaStreamMetrics metrics,
        ILogger logger)
    {
        _options = options;
        TopicPartition = new TopicPartition(options.Topic, partition);
        _streamId = streamId;
        _consumer = consumer;
        Status = status;
        _metrics = metrics;
        _logger = logger;
    }

    public TopicPartition TopicPartition { get; }

    public int Partition => TopicPartition.Partition.Value;

    public PartitionStatusTracker Status { get; }

    /// <summary>
    /// Resolves where to start (the checkpoint's position, else the group's committed offset, else the reset
    /// policy), retrying broker calls until they answer or the reader stops, then has the consumer fetch from there.
    /// </summary>
    public void Start(KafkaPartitionCheckpoint? checkpoint)
    {
        _rewindEpoch = checkpoint?.RewindEpoch ?? 0;
        if (ResolveStart(checkpoint, _stopping.Token) is { } start)
        {
            _consumer.Attach(this, start);
        }
    }

    /// <summary>Takes up to <paramref name="maxCount"/> batches; never blocks.</summary>
    public IList<IBatchContainer> Take(int maxCount) => _handoff.Take(maxCount);

    /// <summary>Asks the consume thread to replay from <paramref name="offset"/> unless it has seen <paramref name="epoch"/> already.</summary>
    public void RequestRewind(long offset, long epoch)
    {
        lock (_lock)
        {
            if (epoch <= (_requestedRewind?.Epoch ?? long.MinValue))
            {
                return;
            }

            _requestedRewind = (offset, epoch);
        }

        _consumer.Post(ApplyRequestedRewind);
    }

    /// <summary>Has <paramref name="nextOffset"/> committed to the consumer group if it is past what was stored before.</summary>
    public void StoreOffset(long nextOffset, bool force = false)
    {
        lock (_lock)
        {
            if (!force && nextOffset <= _storedOffset)
            {
                return;
            }

            try
            {
                _consumer.Client.StoreOffset(new TopicPartitionOffset(TopicPartition, nextOffset));
                _storedOffset = nextOffset;
            }
            catch (KafkaException exception)
            {
                // Not assigned yet, or being repositioned; the next checkpoint stores it again.
                LogStoreOffsetFailed(TopicPartition.Topic, Partition, nextOffset, exception.Error.Reason);
            }
        }
    }

    /// <summary>Stops fetching the partition, then commits the stored offset.</summary>
    public void Stop(TimeSpan timeout)
    {
        _stopping.Cancel();
        if (!_consumer.DetachAsync(this).Wait(timeout))
        {
            LogStopTimedOut(TopicPartition.Topic, Partition, timeout);
        }

        long? stored;
        lock (_lock)
        {
            stored = _storedOffset;
        }

        if (stored is not { } offset)
        {
            return;
        }

        try
        {
            _consumer.Client.Commit([new TopicPartitionOffset(TopicPartition, offset)]);
            Status.SetCommitted(offset);
        }
        catch (KafkaException exception)
        {
            LogCommitFailed(TopicPartition.Topic, Partition, offset, exception.Error.Reason);
        }
    }

    /// <summary>Set once <see cref="Stop"/> begins: the partition must not be attached any more.</summary>
    internal bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Consume thread: (re)starts fetching at <paramref name="offset"/>, dropping what was fetched before.</summary>
    internal void AssignAt(long offset)
    {
        DropPending();
        FetchFrom(offset);
        _attached = true;
        ApplyRequestedRewind();
    }

    /// <summary>Consume thread: stops fetching; records gathered but not handed over are dropped (never delivered).</summary>
    internal void Detach()
    {
        if (_assigned)
        {
            _consumer.Unassign(TopicPartition);
        }

        _attached = _assigned = _paused = false;
        DropPending();
    }

    /// <summary>Consume thread: adds a fetched record to the batch being gathered.</summary>
    internal void Append(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (!_assigned)
        {
            return;
        }

        var message = result.Message;
        ForgetEndOfLog();
        _pending.Add((message, result.Offset.Value, _position, _lostFrom));
        _position = result.Offset.Value + 1;
        _lostFrom = null;
        _pendingBytes += (message.Key?.Length ?? 0) + (message.Value?.Length ?? 0);
        if (_pending.Count >= _options.MaxBatchSize || _pendingBytes >= _options.MaxBatchBytes)
        {
            HandOver();
        }
    }

    /// <summary>
    /// Consume thread: the consumer reached the end of the log at <paramref name="offset"/>. With nothing gathered, what
    /// lies between the last record handed over and that offset holds no record (a transaction's commit marker): the
    /// checkpoint store learns it, so that a consumer which has processed everything does not wait for it.
    /// </summary>
    internal void OnEndOfLog(long offset)
    {
        if (_assigned && _pending.Count == 0)
        {
            lock (_lock)
            {
                _endOfLog = offset;
            }
        }
    }

    /// <summary>How far the receiver has read, when it has read everything; null while records wait or before the first.</summary>
    internal KafkaReadProgress? ReadProgress
    {
        get
        {
            lock (_lock)
            {
                return _handedOverThrough is long handed && _endOfLog is long end && end >= handed ? new KafkaReadProgress(handed, end) : null;
            }
        }
    }

    /// <summary>Consume thread: a record was read or the position moved, so the end of the log reported is past.</summary>
    private void ForgetEndOfLog()
    {
        if (_endOfLog is not null)
        {
            lock (_lock)
            {
                _endOfLog = null;
            }
        }
    }

    /// <summary>
    /// Consume thread: moves the gathered records to the pulling agent as one batch if it has room; returns false
    /// while records wait for room. A full batch without room pauses the partition, so its records wait in Kafka
    /// rather than in memory; it resumes from its position once the batch is handed over.
    /// </summary>
    internal bool HandOver()
    {
        if (_pending.Count > 0)
        {
            if (!_handoff.HasRoom)
            {
                if (_assigned && !_paused && (_pending.Count >= _options.MaxBatchSize || _pendingBytes >= _options.MaxBatchBytes))
                {
                    _consumer.Pause(TopicPartition);
                    _paused = true;
                }

                return false;
            }

            _handoff.Add(BuildBatch());
        }

        if (_paused && _assigned)
        {
            _consumer.Resume(TopicPartition);
            _paused = false;
        }

        return true;
    }

    /// <summary>
    /// Consume thread: the position is outside the log. The partition stops fetching while its watermarks are read
    /// off the consume thread; below the log's start, retention removed records before they were read: the loss is
    /// logged and counted, then reading continues at the oldest record kept. Beyond its end, the log was truncated
    /// or recreated: reading continues at its end.
    /// </summary>
    internal void RecoverFromOutOfRange()
    {
        if (!_assigned)
        {
            return;
        }

        _consumer.Unassign(TopicPartition);
        _assigned = _paused = false;
        var (position, epoch, stopping) = (_position, _rewindEpoch, _stopping.Token);
        _ = Task.Run(() =>
        {
            if (TryUntilStopped("read the watermarks", QueryWatermarks, stopping, out var watermarks))
            {
                _consumer.Post(() => ContinueAfterOutOfRange(position, epoch, watermarks));
            }
        });
    }

    /// <summary>Status task: refreshes the partition's watermarks; false if the broker did not answer.</summary>
    internal bool RefreshWatermarks()
    {
        try
        {
            var watermarks = QueryWatermarks();
            Status.SetWatermarks(watermarks.Low.Value, watermarks.High.Value);
            return true;
        }
        catch (KafkaException exception)
        {
            Status.SetBrokerReachable(false);
            Status.RecordError(exception.Error.Reason);
            return false;
        }
    }

    internal void OnCommitted(TopicPartitionOffset offset, Error? error)
    {
        if (error is { IsError: true })
        {
            Status.RecordError(error.Reason);
            LogCommitFailed(offset.Topic, offset.Partition.Value, offset.Offset.Value, error.Reason);
        }
        else if (offset.Offset.Value >= 0)
        {
            Status.SetCommitted(offset.Offset.Value);
        }
    }

    private long? ResolveStart(KafkaPartitionCheckpoint? checkpoint, CancellationToken cancellation)
    {
        var (topic, partition) = (TopicPartition.Topic, Partition);
        if (checkpoint is { } stored && (stored.RewindTo ?? stored.DurableNextOffset) is { } checkpointed)
        {
            LogStartingFromCheckpoint(topic, partition, checkpointed, stored.RewindTo.HasValue ? "rewind request" : "durable offset", _rewindEpoch);
            return checkpointed;
        }

        return TryUntilStopped("read the committed offset", () =>
        {
            var committed = _consumer.Client.Committed([TopicPartition], BrokerCallTimeout).Single();
            if (committed.Offset.Value >= 0)
            {
                Status.SetCommitted(committed.Offset.Value);
                LogStartingFromCommitted(topic, partition, committed.Offset.Value, _options.ConsumerGroup);
                return committed.Offset.Value;
            }

            var watermarks = QueryWatermarks();
            var start = _options.AutoOffsetReset == KafkaOffsetReset.Earliest ? watermarks.Low.Value : watermarks.High.Value;
            LogStartingFromReset(topic, partition, start, _options.AutoOffsetReset, _options.ConsumerGroup);
            return start;
        }, cancellation, out var resolved) ? resolved : (long?)null;
    }

    private KafkaBatchContainer BuildBatch()
    {
        // The high watermark of the last fetch response, cached by librdkafka: no broker call.
        var high = _consumer.Client.GetWatermarkOffsets(TopicPartition).High;
        var logEndOffset = high.Value < 0 ? -1 : Math.Max(high.Value, _position);
        var records = new KafkaRecord[_pending.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var (message, offset, precedingPosition, lostFrom) = _pending[i];
            records[i] = new KafkaRecord
            {
                Topic = TopicPartition.Topic,
                Partition = Partition,
                Offset = offset,
                PrecedingPosition = precedingPosition,
                TimestampMs = message.Timestamp.UnixTimestampMs,
                Key = message.Key,
                Value = message.Value ?? [],
                Headers = ToHeaders(message.Headers),
                LogEndOffset = logEndOffset,
                LostFrom = lostFrom,
            };
        }

        lock (_lock)
        {
            _handedOverThrough = _position;
        }

        Status.RecordConsumed(records.Length, _position);
        _metrics.RecordConsumed(TopicPartition.Topic, Partition, records.Length, _pendingBytes);
        _consumer.MarkBrokersReachable();
        DropPending();
        return new KafkaBatchContainer(_streamId, _rewindEpoch, records);
    }

    private static KafkaHeader[] ToHeaders(Headers? headers) =>
        headers is null || headers.Count == 0 ? [] : [.. headers.Select(header => new KafkaHeader(header.Key, header.GetValueBytes() ?? []))];

    /// <summary>Consume thread: acts on the newest rewind request if its epoch is new (after the partition is attached).</summary>
    private void ApplyRequestedRewind()
    {
        (long Offset, long Epoch) rewind;
        lock (_lock)
        {
            if (!_attached || _stopping.IsCancellationRequested || _requestedRewind is not { } requested || requested.Epoch <= _rewindEpoch)
            {
                return;
            }

            rewind = requested;
        }

        LogRewinding(TopicPartition.Topic, Partition, _position, rewind.Offset, rewind.Epoch);
        _rewindEpoch = rewind.Epoch;
        AssignAt(rewind.Offset);
    }

    /// <summary>
    /// Consume thread: repositions after <see cref="RecoverFromOutOfRange"/>, unless a rewind did meanwhile; the records
    /// gathered before the error are kept.
    /// </summary>
    private void ContinueAfterOutOfRange(long position, long epoch, WatermarkOffsets watermarks)
    {
        if (_assigned || _rewindEpoch != epoch || _position != position || _stopping.IsCancellationRequested)
        {
            return;
        }

        var (topic, partition) = (TopicPartition.Topic, Partition);
        long low = watermarks.Low.Value, high = watermarks.High.Value;
        if (position < low)
        {
            var lost = low - position;
            Status.RecordLoss(lost);
            Status.RecordError($"Offsets [{position}, {low}) were removed by retention before they were read.");
            _metrics.RecordLost(topic, partition, lost);
            LogRecordsLost(topic, partition, position, low, lost);
            FetchFrom(low);
            _lostFrom = position;
        }
        else if (position > high)
        {
            Status.RecordError($"Position {position} is beyond the end of the log ({high}).");
            LogPositionBeyondEnd(topic, partition, position, high);
            FetchFrom(high);
        }
        else
        {
            // The log moved between the error and the query; the position is valid again.
            FetchFrom(position);
        }
    }

    /// <summary>Consume thread: fetches the partition from <paramref name="offset"/>, repositioning it if it is assigned.</summary>
    private void FetchFrom(long offset)
    {
        _consumer.Assign(new TopicPartitionOffset(TopicPartition, offset), reposition: _assigned);
        _position = offset;
        _lostFrom = null;
        ForgetEndOfLog();
        _assigned = true;
        _paused = false;
        Status.SetPosition(offset);
    }

    private void DropPending()
    {
        _pending.Clear();
        _pendingBytes = 0;
    }

    private WatermarkOffsets QueryWatermarks() => _consumer.Client.QueryWatermarkOffsets(TopicPartition, BrokerCallTimeout);

    private bool TryUntilStopped<T>(string what, Func<T> call, CancellationToken cancellation, out T result)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                result = call();
                return true;
            }
            catch (KafkaException exception)
            {
                Status.RecordError(exception.Error.Reason);
                LogBrokerCallFailed(TopicPartition.Topic, Partition, what, exception.Error.Reason, delay);
                cancellation.WaitHandle.WaitOne(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }

        result = default!;
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka {Topic}[{Partition}] starts at offset {Offset} from the checkpoint's {Source} (rewind epoch {Epoch}).")]
    private partial void LogStartingFromCheckpoint(string topic, int partition, long offset, string source, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka {Topic}[{Partition}] starts at offset {Offset}, committed by consumer group '{Group}'.")]
    private partial void LogStartingFromCommitted(string topic, int partition, long offset, string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka {Topic}[{Partition}] starts at offset {Offset} ({Reset}): consumer group '{Group}' has no committed offset.")]
    private partial void LogStartingFromReset(string topic, int partition, long offset, KafkaOffsetReset reset, string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka {Topic}[{Partition}] rewinds from position {Position} to offset {Offset} (rewind epoch {Epoch}).")]
    private partial void LogRewinding(string topic, int partition, long position, long offset, long epoch);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka {Topic}[{Partition}] LOST offsets [{From}, {To}) ({Count} records): retention removed them before they were read. Continuing at offset {To}.")]
    private partial void LogRecordsLost(string topic, int partition, long from, long to, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka {Topic}[{Partition}] position {Position} is beyond the end of the log ({High}): the log was truncated or recreated. Continuing at offset {High}.")]
    private partial void LogPositionBeyondEnd(string topic, int partition, long position, long high);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}]: cannot {What} yet ({Reason}); retrying in {Delay}.")]
    private partial void LogBrokerCallFailed(string topic, int partition, string what, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}]: committing offset {Offset} failed ({Reason}); the next checkpoint retries.")]
    private partial void LogCommitFailed(string topic, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kafka {Topic}[{Partition}]: could not store offset {Offset} for commit ({Reason}).")]
    private partial void LogStoreOffsetFailed(string topic, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}]: the consume thread did not let go of the partition within {Timeout}.")]
    private partial void LogStopTimedOut(string topic, int partition, TimeSpan timeout);
}
