namespace Orleans.Saga.Windows;

/// <summary>The window index's durable view: partitions that gate closing, the stream watermark, and known windows.</summary>
[GenerateSerializer]
public sealed class WindowIndexState
{
    [Id(0)] public Dictionary<int, PartitionProgress> Partitions { get; set; } = [];

    [Id(1)] public long StreamWatermark { get; set; } = long.MinValue;

    /// <summary>Open (window, saga) pairs by window start.</summary>
    [Id(2)] public List<WindowInfo> Open { get; set; } = [];

    /// <summary>The most recent final (window, saga) pairs, oldest first; older ones live only in the row store.</summary>
    [Id(3)] public List<WindowInfo> Final { get; set; } = [];
}

/// <summary>What the index knows of one partition.</summary>
[GenerateSerializer]
public sealed class PartitionProgress
{
    [Id(0)] public long? Watermark { get; set; }
    [Id(1)] public long SealedThrough { get; set; } = long.MinValue;
    [Id(2)] public DateTimeOffset? LastDeliveryUtc { get; set; }
    [Id(3)] public DateTimeOffset LastReportUtc { get; set; }

    /// <summary>The backlog of the last report; see <see cref="PartitionReport.Backlog"/>.</summary>
    [Id(4)] public long Backlog { get; set; }

    /// <summary>When the partition's current activation started, as of its last report.</summary>
    [Id(5)] public DateTimeOffset? ActivatedUtc { get; set; }

    /// <summary>
    /// When the partition last had records to process: at its last report while that showed a backlog, or showed no
    /// delivery yet from an activation with events behind it (its replay is on the way); else at its last delivery,
    /// or at its activation for a partition that has never seen an event.
    /// </summary>
    public DateTimeOffset LastBusyUtc =>
        Backlog > 0 ? LastReportUtc
        : LastDeliveryUtc ?? (Watermark is null ? ActivatedUtc ?? LastReportUtc : LastReportUtc);
}
