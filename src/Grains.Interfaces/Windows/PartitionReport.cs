namespace Orleans.Saga.Windows;

/// <summary>What a partition grain tells the window index after each checkpoint.</summary>
/// <param name="Partition">The partition number.</param>
/// <param name="Watermark">The partition watermark (largest event time minus allowed lateness); null before any event.</param>
/// <param name="LastDeliveryUtc">Wall time of the last delivery, which decides whether the partition is idle.</param>
/// <param name="SealedThrough">
/// The stream watermark the partition has made durable: it has pushed its totals of every window ending at or before it
/// and will treat later events of those windows as late.
/// </param>
/// <param name="NewWindows">Windows the partition counted for the first time since its previous report.</param>
/// <param name="ActivatedUtc">
/// When the partition's activation started: a partition that has never seen an event is busy from then until it has
/// delivered nothing for the idle timeout, so an empty partition stops holding the stream watermark.
/// </param>
/// <param name="Backlog">
/// Records known to wait in the log beyond what the partition has processed (the log end offset its last delivery
/// carried, minus its next offset). A partition with a backlog is busy, never idle, however long its deliveries take.
/// </param>
[GenerateSerializer, Immutable]
public sealed record PartitionReport(
    [property: Id(0)] int Partition,
    [property: Id(1)] long? Watermark,
    [property: Id(2)] DateTimeOffset? LastDeliveryUtc,
    [property: Id(3)] long SealedThrough,
    [property: Id(4)] IReadOnlyList<WindowKey> NewWindows,
    [property: Id(5)] long Backlog = 0,
    [property: Id(6)] DateTimeOffset? ActivatedUtc = null);
