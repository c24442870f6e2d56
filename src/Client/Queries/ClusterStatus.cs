using Orleans.Saga.Health;

namespace Orleans.Saga.Client.Queries;

/// <summary>Everything <c>saga status</c> shows: the silos, the stream, each partition, the counters and the health checks.</summary>
/// <param name="StreamWatermark">The stream watermark; null before any event.</param>
/// <param name="Health">What the health grain reported, or null when it could not be asked (see <paramref name="HealthUnknown"/>).</param>
public sealed record ClusterStatus(
    string ClusterId,
    string ServiceId,
    IReadOnlyList<SiloSummary> Silos,
    DateTimeOffset? StreamWatermark,
    int OpenWindows,
    int FinalWindows,
    KafkaSummary Kafka,
    IReadOnlyList<PartitionSummary> Partitions,
    CounterTotals Counters,
    HealthReport? Health,
    string? HealthUnknown);

/// <summary>An active silo of the cluster's membership.</summary>
public sealed record SiloSummary(string Name, string Address, string Status, DateTimeOffset Started);

/// <summary>The broker and topic the status was read from; <paramref name="Error"/> says why not when unreachable.</summary>
public sealed record KafkaSummary(string BootstrapServers, string Topic, bool Reachable, bool TopicExists, string? Error);

/// <summary>One Kafka partition, as its partition grain and the broker see it; unknown parts are null.</summary>
/// <param name="Silo">The silo whose partition grain owns it.</param>
/// <param name="Committed">The next offset the partition grain has made durable; it resumes from there.</param>
/// <param name="HighWatermark">The offset the partition's next record will get.</param>
/// <param name="Lag">Records in Kafka not yet durably counted: high watermark − committed.</param>
/// <param name="Watermark">The partition watermark: its largest event time minus the allowed lateness.</param>
public sealed record PartitionSummary(
    int Partition,
    string? Silo,
    long? Committed,
    long? HighWatermark,
    long? Lag,
    DateTimeOffset? Watermark,
    DateTimeOffset? LastDelivery,
    bool? Idle,
    CounterTotals? Counters);
