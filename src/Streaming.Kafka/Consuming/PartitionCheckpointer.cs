using Microsoft.Extensions.Logging;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// Reads a partition's checkpoint from the <see cref="IKafkaCheckpointStore"/> on its own timer, off the poll path,
/// and turns it into commits and rewinds for the <see cref="PartitionReader"/>.
/// </summary>
internal sealed partial class PartitionCheckpointer(
    IKafkaCheckpointStore store,
    string topic,
    int partition,
    TimeSpan interval,
    PartitionReader reader,
    PartitionStatusTracker status,
    ILogger logger,
    TimeProvider timeProvider)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    /// <summary>The checkpoint a starting receiver resumes from; retried until the store answers.</summary>
    public async Task<KafkaPartitionCheckpoint> ReadInitialAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await store.GetCheckpointAsync(topic, partition, progress: null, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                status.RecordError(exception.Message);
                LogInitialReadFailed(exception, topic, partition, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Every interval: commit the durable offset once it advances, and act on a new rewind request.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await CheckpointAsync(force: false, cancellationToken);
        }
    }

    /// <summary>One last checkpoint before the receiver closes, storing the durable offset even if unchanged.</summary>
    public Task FinalAsync(CancellationToken cancellationToken) => CheckpointAsync(force: true, cancellationToken);

    private async Task CheckpointAsync(bool force, CancellationToken cancellationToken)
    {
        KafkaPartitionCheckpoint checkpoint;
        try
        {
            checkpoint = await store.GetCheckpointAsync(topic, partition, reader.ReadProgress, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            status.RecordError(exception.Message);
            LogReadFailed(exception, topic, partition);
            return;
        }

        if (checkpoint.DurableNextOffset is { } durable)
        {
            reader.StoreOffset(durable, force);
        }

        if (checkpoint.RewindTo is { } rewindTo)
        {
            reader.RequestRewind(rewindTo, checkpoint.RewindEpoch);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}]: the checkpoint store failed; the receiver waits for it and retries in {Delay}.")]
    private partial void LogInitialReadFailed(Exception exception, string topic, int partition, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}]: the checkpoint store failed; retrying on the next checkpoint.")]
    private partial void LogReadFailed(Exception exception, string topic, int partition);
}
