using System.Collections.Concurrent;
using Confluent.Kafka;
using KafkaErrorCode = Confluent.Kafka.ErrorCode;
using Microsoft.Extensions.Logging;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// The one librdkafka consumer a silo reads all its partitions of a topic with. A single consume thread fetches
/// for every assigned partition, hands each record to its partition's <see cref="PartitionReader"/>, and pauses a
/// partition whose pulling agent has fallen behind until it catches up.
/// </summary>
/// <remarks>
/// One consumer per silo rather than per partition: a broker then serves one fetch session per silo covering all
/// its partitions instead of one per partition, and commits, coordinator lookups and connections are shared.
/// Every assignment change (attach, detach, rewind, recovery) runs on the consume thread, so a record's preceding
/// position is always the position it was fetched from; librdkafka's version barrier drops records fetched before
/// a repositioning or a pause.
/// </remarks>
internal sealed partial class TopicConsumer : IDisposable
{
    /// <summary>How long the consume thread waits while some partition holds a batch its agent has no room for.</summary>
    private static readonly TimeSpan BlockedPollTimeout = TimeSpan.FromMilliseconds(5);

    private readonly KafkaStreamOptions _options;
    private readonly KafkaStreamMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly ConcurrentDictionary<int, PartitionReader> _attached = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _thread;
    private readonly Task _statusRefresh;
    private bool _brokersReachable = true;

    public TopicConsumer(KafkaStreamOptions options, KafkaStreamMetrics metrics, ILogger<TopicConsumer> logger, TimeProvider timeProvider)
    {
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientSettings.ForConsumer(options))
            .SetErrorHandler((_, error) => OnClientError(error))
            .SetLogHandler((_, message) => OnClientLog(message))
            .SetOffsetsCommittedHandler((_, committed) => OnOffsetsCommitted(committed))
            .Build();
        _thread = new Thread(Run) { IsBackground = true, Name = $"kafka-{options.Topic}" };
        _thread.Start();
        _statusRefresh = Task.Run(() => RefreshStatusAsync(_stopping.Token));
    }

    /// <summary>The librdkafka handle, for the thread-safe calls a reader makes from its own threads.</summary>
    internal IConsumer<byte[]?, byte[]?> Client => _consumer;

    /// <summary>Starts fetching <paramref name="reader"/>'s partition at <paramref name="offset"/>.</summary>
    public void Attach(PartitionReader reader, long offset) => Post(() =>
    {
        if (reader.IsStopping)
        {
            return;
        }

        _attached[reader.Partition] = reader;
        reader.AssignAt(offset);
    });

    /// <summary>Stops fetching <paramref name="reader"/>'s partition; completes once no record of it can follow.</summary>
    public Task DetachAsync(PartitionReader reader)
    {
        var detached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            if (_attached.TryGetValue(reader.Partition, out var current) && ReferenceEquals(current, reader))
            {
                _attached.TryRemove(reader.Partition, out _);
                reader.Detach();
            }

            detached.TrySetResult();
        });

        if (!_thread.IsAlive)
        {
            detached.TrySetResult();
        }

        return detached.Task;
    }

    /// <summary>Runs <paramref name="command"/> on the consume thread before its next poll.</summary>
    public void Post(Action command) => _commands.Enqueue(command);

    /// <summary>Fetches from <paramref name="position"/>; <paramref name="reposition"/> if the partition is assigned now.</summary>
    internal void Assign(TopicPartitionOffset position, bool reposition)
    {
        if (reposition)
        {
            // Unassigning first clears the partition's pause and drops what was fetched from the old position.
            Unassign(position.TopicPartition);
        }

        _consumer.IncrementalAssign([position]);
    }

    internal void Unassign(TopicPartition partition) => _consumer.IncrementalUnassign([partition]);

    internal void Pause(TopicPartition partition) => _consumer.Pause([partition]);

    internal void Resume(TopicPartition partition) => _consumer.Resume([partition]);

    /// <summary>Stops the consume thread, then closes the consumer (committing what is stored).</summary>
    public void Stop(TimeSpan timeout)
    {
        _stopping.Cancel();
        if (!_thread.Join(timeout))
        {
            LogStopTimedOut(_options.Topic, timeout);
            return;
        }

        try
        {
            _consumer.Close();
        }
        catch (KafkaException exception)
        {
            LogCloseFailed(_options.Topic, exception.Error.Reason);
        }
    }

    public void Dispose()
    {
        // A consume thread that outlived Stop still uses the handle; it ends at its next poll and the process reclaims it.
        if (!_thread.IsAlive)
        {
            _consumer.Dispose();
        }
    }

    private void Run()
    {
        var cancellation = _stopping.Token;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                RunCommands();
                var blocked = HandOverPending();
                Consume(blocked ? BlockedPollTimeout : _options.PollTimeout, cancellation);
            }
            catch (Exception exception) when (!cancellation.IsCancellationRequested)
            {
                // Nothing is skipped: every reader's position is unchanged, so the next poll continues from it.
                LogConsumeLoopFailed(exception, _options.Topic);
                BroadcastError(exception.Message);
                cancellation.WaitHandle.WaitOne(_options.PollTimeout);
            }
        }
    }

    private void RunCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            command();
        }
    }

    /// <summary>Hands pending records to pulling agents with room; true if some partition is still waiting for room.</summary>
    private bool HandOverPending()
    {
        var blocked = false;
        foreach (var (_, reader) in _attached)
        {
            blocked |= !reader.HandOver();
        }

        return blocked;
    }

    /// <summary>Takes everything fetched so far (waiting up to <paramref name="timeout"/> for the first record).</summary>
    private void Consume(TimeSpan timeout, CancellationToken cancellation)
    {
        for (var taken = 0; taken < _options.MaxBatchSize && !cancellation.IsCancellationRequested; taken++)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _consumer.Consume(timeout);
            }
            catch (ConsumeException exception)
            {
                OnConsumeError(exception);
                return;
            }

            if (result is { IsPartitionEOF: true })
            {
                if (_attached.TryGetValue(result.Partition.Value, out var ended))
                {
                    ended.OnEndOfLog(result.Offset.Value);
                }

                timeout = TimeSpan.Zero;
                continue;
            }

            if (result?.Message is null)
            {
                return;
            }

            // Everything already fetched is taken without waiting.
            timeout = TimeSpan.Zero;
            if (_attached.TryGetValue(result.Partition.Value, out var reader))
            {
                reader.Append(result);
            }
        }
    }

    private void OnConsumeError(ConsumeException exception)
    {
        var error = exception.Error;
        var partition = exception.ConsumerRecord?.TopicPartitionOffset?.Partition.Value;
        if (error.Code == KafkaErrorCode.Local_AutoOffsetReset && partition is { } outOfRange && _attached.TryGetValue(outOfRange, out var reader))
        {
            reader.RecoverFromOutOfRange();
            return;
        }

        _metrics.RecordBrokerError(_consumer.Name, error.Code.ToString());
        LogConsumeError(_options.Topic, partition ?? -1, error.Code, error.Reason);
        if (partition is { } failed && _attached.TryGetValue(failed, out var failedReader))
        {
            failedReader.Status.RecordError(error.Reason);
        }
        else
        {
            BroadcastError(error.Reason);
        }
    }

    /// <summary>Watermarks (lag) and reachability, off the consume thread: each is a broker round trip.</summary>
    private async Task RefreshStatusAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.StatusInterval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var (_, reader) in _attached)
                {
                    if (cancellationToken.IsCancellationRequested || !reader.RefreshWatermarks())
                    {
                        // The broker did not answer; asking for the other partitions would only wait longer.
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void BroadcastError(string reason)
    {
        foreach (var (_, reader) in _attached)
        {
            reader.Status.RecordError(reason);
        }
    }

    private void OnClientError(Error error)
    {
        _metrics.RecordBrokerError(_consumer.Name, error.Code.ToString());
        BroadcastError(error.Reason);
        if (error.Code is KafkaErrorCode.Local_AllBrokersDown or KafkaErrorCode.Local_Transport or KafkaErrorCode.Local_Resolve)
        {
            foreach (var (_, reader) in _attached)
            {
                reader.Status.SetBrokerReachable(false);
            }

            if (_brokersReachable)
            {
                LogBrokerUnreachable(_options.Topic, error.Code, error.Reason);
            }

            _brokersReachable = false;
        }
        else
        {
            LogClientError(_options.Topic, error.Code, error.Reason, error.IsFatal);
        }
    }

    /// <summary>Called by a reader that received records: the brokers answer again.</summary>
    internal void MarkBrokersReachable() => _brokersReachable = true;

    private void OnClientLog(LogMessage message)
    {
        var level = message.Level <= SyslogLevel.Critical ? LogLevel.Error : LogLevel.Debug;
        LogClientMessage(level, message.Name, message.Facility, message.Message);
    }

    private void OnOffsetsCommitted(CommittedOffsets committed)
    {
        foreach (var offset in committed.Offsets)
        {
            if (_attached.TryGetValue(offset.Partition.Value, out var reader))
            {
                reader.OnCommitted(offset.TopicPartitionOffset, offset.Error is { IsError: true } ? offset.Error : committed.Error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka {Topic}: the consume loop failed; polling again from every partition's position.")]
    private partial void LogConsumeLoopFailed(Exception exception, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}: brokers unreachable ({Code}: {Reason}); librdkafka keeps retrying and nothing is skipped.")]
    private partial void LogBrokerUnreachable(string topic, KafkaErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic} client error {Code}: {Reason} (fatal: {Fatal}).")]
    private partial void LogClientError(string topic, KafkaErrorCode code, string reason, bool fatal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}] consume error {Code}: {Reason}.")]
    private partial void LogConsumeError(string topic, int partition, KafkaErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}: the consume thread did not stop within {Timeout}.")]
    private partial void LogStopTimedOut(string topic, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}: closing the consumer failed ({Reason}).")]
    private partial void LogCloseFailed(string topic, string reason);

    [LoggerMessage(Message = "librdkafka {Client} {Facility}: {Text}")]
    private partial void LogClientMessage(LogLevel level, string client, string facility, string text);
}
