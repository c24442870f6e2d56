using Orleans.Concurrency;

namespace Orleans.Saga.Partitions;

/// <summary>
/// The unit of consistency: one grain per Kafka partition (the grain key is the partition number).
/// It decodes, classifies and counts the partition's records and checkpoints its progress.
/// </summary>
public interface IPartitionGrain : IGrainWithIntegerKey
{
    /// <summary>The durable resume point and any rewind request, read by the Kafka receiver.</summary>
    [AlwaysInterleave]
    Task<PartitionCheckpoint> GetCheckpoint();

    /// <summary>
    /// The receiver's periodic call: how far it has read (null unless it has read to the end of the log), answered
    /// with the durable resume point and any rewind request.
    /// </summary>
    [AlwaysInterleave]
    Task<PartitionCheckpoint> ExchangeWithReceiver(ReceiverProgress? progress);

    [AlwaysInterleave]
    Task<PartitionStatus> GetStatus();

    /// <summary>Activates the grain (if needed) so that it reports to the window index again.</summary>
    [OneWay]
    Task Wake();

    /// <summary>
    /// The window index's word that the stream watermark has reached <paramref name="streamWatermark"/>, past the end
    /// of an open window, while no partition has a backlog: checkpoint and seal now rather than at the next tick, so
    /// that the window closes as soon as every partition has sealed it.
    /// </summary>
    [OneWay]
    Task SealThrough(long streamWatermark);
}
