using Confluent.Kafka;
using KafkaErrorCode = Confluent.Kafka.ErrorCode;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// Reads one Kafka partition on a dedicated thread into batch containers, tracking the exact consumer position
/// each record was reached from.
/// </summary>
/// <remarks>
/// Every repositioning (start, rewind, recovery from an out-of-range position) happens on the consume thread
/// through <c>Assign</c>, so the position that feeds <see cref="KafkaRecord.PrecedingPosition"/> is always the one
/// the next record was fetched from. Offsets are stored for commit from any thread; librdkafka commits them in
/// the background.
/// </remarks>
internal sealed partial class PartitionReader : IDisposable
{
    private static readonly TimeSpan BrokerCallTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly KafkaStreamOptions _options;
    private readonly TopicPartition _topicPartition;
    private readonly StreamId _streamId;
    private readonly PartitionStatusTracker _status;
    private readonly KafkaStreamMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly BatchHandoff _handoff = new(capacity: 2);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private Thread? _thread;

    // Consume thread only.
    private long _position;
    private long _rewindEpoch;
    private long _nextStatusRefresh;

    // Guarded by _lock.
    private (long Offset, long Epoch)? _requestedRewind;
    private long? _storedOffset;

    public PartitionReader(
        KafkaStreamOptions options,
        int partition,
        StreamId streamId,
        PartitionStatusTracker status,
        KafkaStreamMetrics metrics,
        ILogger logger,
        TimeProvider timeProvider)
    {
        _options = options;
        _topicPartition = new TopicPartition(options.Topic, partition);
        _streamId = streamId;
        _status = status;
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientSettings.ForPartition(options, partition))
            .SetErrorHandler((_, error) => OnClientError(error))
            .SetLogHandler((_, message) => OnClientLog(message))
            .SetOffsetsCommittedHandler((_, committed) => OnOffsetsCommitted(committed))
            .Build();
    }

    /// <summary>Starts reading at the checkpoint's position, else the group's committed offset, else the reset policy.</summary>
    public void Start(KafkaPartitionCheckpoint? checkpoint)
    {
        _thread = new Thread(() => Run(checkpoint))
        {
            IsBackground = true,
            Name = $"kafka-{_topicPartition.Topic}-{_topicPartition.Partition.Value}",
        };
        _thread.Start();
    }

    /// <summary>Takes up to <paramref name="maxCount"/> polled batches; never blocks.</summary>
    public IList<IBatchContainer> Take(int maxCount) => _handoff.Take(maxCount);

    /// <summary>Asks the consume thread to replay from <paramref name="offset"/> unless it has seen <paramref name="epoch"/> already.</summary>
    public void RequestRewind(long offset, long epoch)
    {
        lock (_lock)
        {
            if (epoch > (_requestedRewind?.Epoch ?? long.MinValue))
            {
                _requestedRewind = (offset, epoch);
            }
        }
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
                _consumer.StoreOffset(new TopicPartitionOffset(_topicPartition, nextOffset));
                _storedOffset = nextOffset;
            }
            catch (KafkaException exception)
            {
                // Not assigned yet, or being reassigned; the next checkpoint stores it again.
                LogStoreOffsetFailed(_topicPartition.Topic, _topicPartition.Partition.Value, nextOffset, exception.Error.Reason);
            }
        }
    }

    /// <summary>Stops the consume thread, then commits the stored offset and leaves.</summary>
    public void Stop(TimeSpan timeout)
    {
        _stopping.Cancel();

        // The thread may be inside a broker call that cannot be cancelled; give it the time to return.
        timeout = TimeSpan.FromTicks(Math.Max(timeout.Ticks, (BrokerCallTimeout + _options.PollTimeout).Ticks));
        if (_thread is { } thread && !thread.Join(timeout))
        {
            LogStopTimedOut(_topicPartition.Topic, _topicPartition.Partition.Value, timeout);
            return;
        }

        try
        {
            _consumer.Close();
        }
        catch (KafkaException exception)
        {
            LogCloseFailed(_topicPartition.Topic, _topicPartition.Partition.Value, exception.Error.Reason);
        }
    }

    public void Dispose()
    {
        // A consume thread that outlived Stop still uses both; it ends at its next poll and the process reclaims them.
        if (_thread is not { IsAlive: true })
        {
            _consumer.Dispose();
            _stopping.Dispose();
        }
    }

    private void Run(KafkaPartitionCheckpoint? checkpoint)
    {
        var cancellation = _stopping.Token;
        try
        {
            _rewindEpoch = checkpoint?.RewindEpoch ?? 0;
            if (ResolveStart(checkpoint, cancellation) is not { } start)
            {
                return;
            }

            AssignAt(start);
            while (!cancellation.IsCancellationRequested)
            {
                try
                {
                    ApplyRequestedRewind();
                    RefreshStatusIfDue();
                    if (!_handoff.TryReserve(_options.PollTimeout, cancellation))
                    {
                        continue;
                    }

                    if (Poll(cancellation) is { } batch)
                    {
                        _handoff.Add(batch);
                    }
                    else
                    {
                        _handoff.Release();
                    }
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception exception)
                {
                    // Nothing is skipped: the position is unchanged, so the next poll retries from it.
                    _status.RecordError(exception.Message);
                    LogReadFailed(exception, _topicPartition.Topic, _topicPartition.Partition.Value, _position);
                    cancellation.WaitHandle.WaitOne(_options.PollTimeout);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    private long? ResolveStart(KafkaPartitionCheckpoint? checkpoint, CancellationToken cancellation)
    {
        var (topic, partition) = (_topicPartition.Topic, _topicPartition.Partition.Value);
        if (checkpoint is { } stored && (stored.RewindTo ?? stored.DurableNextOffset) is { } checkpointed)
        {
            LogStartingFromCheckpoint(topic, partition, checkpointed, stored.RewindTo.HasValue ? "rewind request" : "durable offset", _rewindEpoch);
            return checkpointed;
        }

        return TryUntilStopped("read the committed offset", () =>
        {
            var committed = _consumer.Committed([_topicPartition], BrokerCallTimeout).Single();
            if (committed.Offset.Value >= 0)
            {
                _status.SetCommitted(committed.Offset.Value);
                LogStartingFromCommitted(topic, partition, committed.Offset.Value, _options.ConsumerGroup);
                return committed.Offset.Value;
            }

            var watermarks = QueryWatermarks();
            var start = _options.AutoOffsetReset == KafkaOffsetReset.Earliest ? watermarks.Low.Value : watermarks.High.Value;
            LogStartingFromReset(topic, partition, start, _options.AutoOffsetReset, _options.ConsumerGroup);
            return start;
        }, cancellation, out var resolved) ? resolved : (long?)null;
    }

    private KafkaBatchContainer? Poll(CancellationToken cancellation)
    {
        var polled = new List<(Message<byte[]?, byte[]?> Message, long Offset, long PrecedingPosition)>();
        long bytes = 0;
        var timeout = _options.PollTimeout;
        while (polled.Count < _options.MaxBatchSize && bytes < _options.MaxBatchBytes && !cancellation.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _consumer.Consume(timeout);
            }
            catch (ConsumeException exception) when (exception.Error.Code == KafkaErrorCode.Local_AutoOffsetReset)
            {
                RecoverFromOutOfRange(cancellation);
                break;
            }
            catch (ConsumeException exception)
            {
                OnConsumeError(exception.Error);
                break;
            }

            if (result?.Message is not { } message)
            {
                break;
            }

            // Everything already fetched is taken without waiting.
            timeout = TimeSpan.Zero;
            polled.Add((message, result.Offset.Value, _position));
            _position = result.Offset.Value + 1;
            bytes += (message.Key?.Length ?? 0) + (message.Value?.Length ?? 0);
        }

        if (polled.Count == 0)
        {
            return null;
        }

        // The high watermark of the last fetch response, cached by librdkafka: no broker call.
        var high = _consumer.GetWatermarkOffsets(_topicPartition).High;
        var logEndOffset = high.Value < 0 ? -1 : Math.Max(high.Value, _position);
        var records = new KafkaRecord[polled.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var (message, offset, precedingPosition) = polled[i];
            records[i] = new KafkaRecord
            {
                Topic = _topicPartition.Topic,
                Partition = _topicPartition.Partition.Value,
                Offset = offset,
                PrecedingPosition = precedingPosition,
                TimestampMs = message.Timestamp.UnixTimestampMs,
                Key = message.Key,
                Value = message.Value ?? [],
                Headers = ToHeaders(message.Headers),
                LogEndOffset = logEndOffset,
            };
        }

        _status.RecordConsumed(records.Length, _position);
        _metrics.RecordConsumed(_topicPartition.Topic, _topicPartition.Partition.Value, records.Length, bytes);
        return new KafkaBatchContainer(_streamId, _rewindEpoch, records);
    }

    private static KafkaHeader[] ToHeaders(Headers? headers) =>
        headers is null || headers.Count == 0 ? [] : [.. headers.Select(header => new KafkaHeader(header.Key, header.GetValueBytes() ?? []))];

    private void ApplyRequestedRewind()
    {
        (long Offset, long Epoch) rewind;
        lock (_lock)
        {
            if (_requestedRewind is not { } requested || requested.Epoch <= _rewindEpoch)
            {
                return;
            }

            rewind = requested;
        }

        LogRewinding(_topicPartition.Topic, _topicPartition.Partition.Value, _position, rewind.Offset, rewind.Epoch);
        _rewindEpoch = rewind.Epoch;
        AssignAt(rewind.Offset);
    }

    /// <summary>
    /// The position is outside the log. Below its start, retention removed records before they were read: the loss
    /// is logged and counted, then reading continues at the oldest record kept. Beyond its end, the log was
    /// truncated or recreated: reading continues at its end.
    /// </summary>
    private void RecoverFromOutOfRange(CancellationToken cancellation)
    {
        var (topic, partition) = (_topicPartition.Topic, _topicPartition.Partition.Value);
        if (!TryUntilStopped("read the watermarks", QueryWatermarks, cancellation, out var watermarks))
        {
            return;
        }

        long low = watermarks.Low.Value, high = watermarks.High.Value;
        if (_position < low)
        {
            var lost = low - _position;
            _status.RecordLoss(lost);
            _status.RecordError($"Offsets [{_position}, {low}) were removed by retention before they were read.");
            _metrics.RecordLost(topic, partition, lost);
            LogRecordsLost(topic, partition, _position, low, lost);
            AssignAt(low);
        }
        else if (_position > high)
        {
            _status.RecordError($"Position {_position} is beyond the end of the log ({high}).");
            LogPositionBeyondEnd(topic, partition, _position, high);
            AssignAt(high);
        }
        else
        {
            // The log moved between the error and the query; the position is valid again.
            AssignAt(_position);
        }
    }

    private void AssignAt(long offset)
    {
        _consumer.Assign(new TopicPartitionOffset(_topicPartition, offset));
        _position = offset;
        _status.SetPosition(offset);
    }

    private void RefreshStatusIfDue()
    {
        var now = _timeProvider.GetTimestamp();
        if (now < _nextStatusRefresh)
        {
            return;
        }

        _nextStatusRefresh = now + (long)(_options.StatusInterval.TotalSeconds * _timeProvider.TimestampFrequency);
        try
        {
            var watermarks = QueryWatermarks();
            _status.SetWatermarks(watermarks.Low.Value, watermarks.High.Value);
        }
        catch (KafkaException exception)
        {
            _status.SetBrokerReachable(false);
            _status.RecordError(exception.Error.Reason);
        }
    }

    private WatermarkOffsets QueryWatermarks() => _consumer.QueryWatermarkOffsets(_topicPartition, BrokerCallTimeout);

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
                _status.RecordError(exception.Error.Reason);
                LogBrokerCallFailed(_topicPartition.Topic, _topicPartition.Partition.Value, what, exception.Error.Reason, delay);
                cancellation.WaitHandle.WaitOne(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }

        result = default!;
        return false;
    }

    private void OnConsumeError(Error error)
    {
        _status.RecordError(error.Reason);
        _metrics.RecordBrokerError(_consumer.Name, error.Code.ToString());
        LogConsumeError(_topicPartition.Topic, _topicPartition.Partition.Value, error.Code, error.Reason);
        _stopping.Token.WaitHandle.WaitOne(_options.PollTimeout);
    }

    private void OnClientError(Error error)
    {
        _status.RecordError(error.Reason);
        _metrics.RecordBrokerError(_consumer.Name, error.Code.ToString());
        if (error.Code is KafkaErrorCode.Local_AllBrokersDown or KafkaErrorCode.Local_Transport or KafkaErrorCode.Local_Resolve)
        {
            var wasReachable = _status.BrokerReachable;
            _status.SetBrokerReachable(false);
            if (wasReachable)
            {
                LogBrokerUnreachable(_topicPartition.Topic, _topicPartition.Partition.Value, error.Code, error.Reason);
            }
        }
        else
        {
            LogClientError(_topicPartition.Topic, _topicPartition.Partition.Value, error.Code, error.Reason, error.IsFatal);
        }
    }

    private void OnClientLog(LogMessage message)
    {
        var level = message.Level <= SyslogLevel.Critical ? LogLevel.Error : LogLevel.Debug;
        LogClientMessage(level, message.Name, message.Facility, message.Message);
    }

    private void OnOffsetsCommitted(CommittedOffsets committed)
    {
        foreach (var offset in committed.Offsets)
        {
            var error = offset.Error is { IsError: true } ? offset.Error : committed.Error;
            if (error is { IsError: true })
            {
                _status.RecordError(error.Reason);
                LogCommitFailed(offset.Topic, offset.Partition.Value, offset.Offset.Value, error.Reason);
            }
            else if (offset.Offset.Value >= 0)
            {
                _status.SetCommitted(offset.Offset.Value);
            }
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}]: brokers unreachable ({Code}: {Reason}); librdkafka keeps retrying and nothing is skipped.")]
    private partial void LogBrokerUnreachable(string topic, int partition, KafkaErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}] client error {Code}: {Reason} (fatal: {Fatal}).")]
    private partial void LogClientError(string topic, int partition, KafkaErrorCode code, string reason, bool fatal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}] consume error {Code}: {Reason}.")]
    private partial void LogConsumeError(string topic, int partition, KafkaErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka {Topic}[{Partition}] read failed at position {Position}; retrying from it.")]
    private partial void LogReadFailed(Exception exception, string topic, int partition, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}]: committing offset {Offset} failed ({Reason}); the next checkpoint retries.")]
    private partial void LogCommitFailed(string topic, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kafka {Topic}[{Partition}]: could not store offset {Offset} for commit ({Reason}).")]
    private partial void LogStoreOffsetFailed(string topic, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}]: the consume thread did not stop within {Timeout}.")]
    private partial void LogStopTimedOut(string topic, int partition, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}]: closing the consumer failed ({Reason}).")]
    private partial void LogCloseFailed(string topic, int partition, string reason);

    [LoggerMessage(Message = "librdkafka {Client} {Facility}: {Text}")]
    private partial void LogClientMessage(LogLevel level, string client, string facility, string text);
}
