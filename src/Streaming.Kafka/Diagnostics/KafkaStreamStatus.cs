using System.Collections.Concurrent;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// What the Kafka receivers on this silo are doing, for health checks and dashboards. Registered as a singleton
/// by <see cref="SiloBuilderKafkaStreamExtensions.AddKafkaStreams"/>.
/// </summary>
public sealed class KafkaStreamStatus
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), PartitionStatusTracker> _partitions = new();
    private readonly TimeProvider _timeProvider;

    public KafkaStreamStatus(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Every partition a receiver on this silo has owned, ordered by topic then partition.</summary>
    public IReadOnlyList<KafkaPartitionStatus> Partitions =>
        [.. _partitions.Values.Select(tracker => tracker.Snapshot()).OrderBy(s => s.Topic, StringComparer.Ordinal).ThenBy(s => s.Partition)];

    /// <summary>False while any assigned partition's consumer reports the brokers unreachable.</summary>
    public bool BrokerReachable => _partitions.Values.All(tracker => !tracker.Assigned || tracker.BrokerReachable);

    public KafkaPartitionStatus? Get(string topic, int partition) =>
        _partitions.TryGetValue((topic, partition), out var tracker) ? tracker.Snapshot() : null;

    internal PartitionStatusTracker Track(string topic, int partition) =>
        _partitions.GetOrAdd((topic, partition), key => new PartitionStatusTracker(key.Topic, key.Partition, _timeProvider));
}
