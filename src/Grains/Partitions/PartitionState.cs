using Orleans.Saga.Windows;

namespace Orleans.Saga.Partitions;

/// <summary>
/// A partition's checkpoint: where it is in the Kafka partition, how far its event time has gone, the stream watermark
/// it has sealed, and its partial counts of the windows still open. Persisted as one unit, so counts, offset and
/// counters never disagree after a crash.
/// </summary>
[GenerateSerializer]
public sealed class PartitionState
{
    /// <summary>The offset after the last processed record; null before the first record.</summary>
    [Id(0)] public long? NextOffset { get; set; }

    [Id(1)] public long? MaxEventTime { get; set; }

    /// <summary>The stream watermark this partition has learnt: events of windows ending at or before it are late.</summary>
    [Id(2)] public long StreamWatermark { get; set; } = long.MinValue;

    [Id(3)] public List<WindowCounts> OpenWindows { get; set; } = [];

    [Id(4)] public PipelineCounters Counters { get; set; } = new();

    /// <summary>
    /// The epoch of the partition's latest rewind request. The receiver ignores epochs it has acted on, so the epoch
    /// is made durable before the request is announced, and every activation continues from here.
    /// </summary>
    [Id(5)] public long RewindEpoch { get; set; }
}

/// <summary>One partition's mention counts for one (window, saga).</summary>
[GenerateSerializer]
public sealed class WindowCounts
{
    [Id(0)] public long Start { get; set; }
    [Id(1)] public string Label { get; set; } = string.Empty;
    [Id(2)] public Dictionary<string, long> Counts { get; set; } = new(StringComparer.Ordinal);

    public WindowKey Key => new(Start, Label);
}
