using System.Collections.Concurrent;

namespace Orleans.Saga.Streaming.Kafka.Tests;

/// <summary>
/// An in-memory <see cref="IKafkaCheckpointStore"/> shared by every silo of a test cluster (they run in the test
/// process). <see cref="RecordingConsumerGrain"/> advances the durable offset after each batch, as a partition grain
/// would after persisting; tests set rewinds and starting offsets directly.
/// </summary>
public sealed class TestCheckpointStore : IKafkaCheckpointStore
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), KafkaPartitionCheckpoint> _checkpoints = new();

    public static TestCheckpointStore Instance { get; } = new();

    private readonly ConcurrentDictionary<(string Topic, int Partition), KafkaReadProgress> _progress = new();

    public Task<KafkaPartitionCheckpoint> GetCheckpointAsync(string topic, int partition, KafkaReadProgress? progress, CancellationToken cancellationToken)
    {
        if (progress is { } read)
        {
            _progress[(topic, partition)] = read;
        }

        return Task.FromResult(Get(topic, partition));
    }

    /// <summary>The last read progress a receiver reported for the partition.</summary>
    public KafkaReadProgress? Progress(string topic, int partition) => _progress.TryGetValue((topic, partition), out var read) ? read : null;

    public KafkaPartitionCheckpoint Get(string topic, int partition) => _checkpoints.GetValueOrDefault((topic, partition));

    public void Update(string topic, int partition, Func<KafkaPartitionCheckpoint, KafkaPartitionCheckpoint> update) =>
        _checkpoints.AddOrUpdate((topic, partition), _ => update(default), (_, current) => update(current));

    public void RequestRewind(string topic, int partition, long offset) =>
        Update(topic, partition, current => current with { RewindTo = offset, RewindEpoch = current.RewindEpoch + 1 });
}
