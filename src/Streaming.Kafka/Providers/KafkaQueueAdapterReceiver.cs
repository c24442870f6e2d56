using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// The pulling agent's view of one Kafka partition: hands over polled batches without blocking, and commits
/// progress either from the checkpoint store or, without one, once the agent has delivered a batch.
/// </summary>
internal sealed partial class KafkaQueueAdapterReceiver : IQueueAdapterReceiver
{
    private readonly KafkaStreamOptions _options;
    private readonly int _partition;
    private readonly StreamId _streamId;
    private readonly SharedTopicConsumer _consumer;
    private readonly IKafkaCheckpointStore? _store;
    private readonly PartitionStatusTracker _status;
    private readonly KafkaStreamMetrics _metrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stopping = new();
    private PartitionReader? _reader;
    private PartitionCheckpointer? _checkpointer;
    private Task _running = Task.CompletedTask;

    public KafkaQueueAdapterReceiver(
        KafkaStreamOptions options,
        int partition,
        StreamId streamId,
        SharedTopicConsumer consumer,
        IKafkaCheckpointStore? store,
        KafkaStreamStatus status,
        KafkaStreamMetrics metrics,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider)
    {
        _options = options;
        _partition = partition;
        _streamId = streamId;
        _consumer = consumer;
        _store = store;
        _status = status.Track(options.Topic, partition);
        _metrics = metrics;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<KafkaQueueAdapterReceiver>();
        _timeProvider = timeProvider;
    }

    public Task Initialize(TimeSpan timeout)
    {
        _status.SetAssigned(true);
        var reader = _reader = new PartitionReader(
            _options, _partition, _streamId, _consumer.Acquire(), _status, _metrics, _loggerFactory.CreateLogger<PartitionReader>());
        if (_store is not null)
        {
            _checkpointer = new PartitionCheckpointer(
                _store, _options.Topic, _partition, _options.CheckpointInterval, reader, _status, _logger, _timeProvider);
        }

        // Off the pulling agent's scheduler: the checkpoint store may be slow or down, and the receiver waits for
        // it in the background rather than failing initialization (the agent would not retry it).
        _running = Task.Run(() => RunAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult(_reader?.Take(maxCount == QueueAdapterConstants.UNLIMITED_GET_QUEUE_MSG ? int.MaxValue : maxCount) ?? []);

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    /// <summary>
    /// Called with batches every consumer has received. Without a checkpoint store that is the only progress
    /// known, so it is what gets committed; with one, the store's durable offset is committed instead.
    /// </summary>
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        if (_store is null && messages.OfType<KafkaBatchContainer>().Select(batch => batch.Records[^1].Offset + 1).DefaultIfEmpty().Max() is > 0 and var next)
        {
            _reader?.StoreOffset(next);
        }

        return Task.CompletedTask;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task Shutdown(TimeSpan timeout)
    {
        _stopping.Cancel();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_reader is not { } reader)
        {
            return;
        }

        try
        {
            if (_checkpointer is not null)
            {
                using var finalCheckpoint = new CancellationTokenSource(timeout);
                await _checkpointer.FinalAsync(finalCheckpoint.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            // Letting go of the partition and committing may wait on the broker: keep it off the agent's scheduler.
            await Task.Run(() =>
            {
                try
                {
                    reader.Stop(timeout);
                }
                finally
                {
                    _consumer.Release(timeout);
                }
            });
        }
        finally
        {
            _stopping.Dispose();
            _status.SetAssigned(false);
            LogStopped(_options.Topic, _partition);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var checkpoint = _checkpointer is null ? (KafkaPartitionCheckpoint?)null : await _checkpointer.ReadInitialAsync(cancellationToken);
            _reader!.Start(checkpoint);
            if (_checkpointer is not null)
            {
                await _checkpointer.RunAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka {Topic}[{Partition}]: receiver stopped.")]
    private partial void LogStopped(string topic, int partition);
}
