using Orleans.Concurrency;

namespace Orleans.Saga.Windows;

/// <summary>
/// Knows every (window, saga) and whether it is open or final, computes the stream watermark from the partitions'
/// reports, and closes windows once every partition has sealed them. A single activation (key <see cref="Key"/>).
/// </summary>
public interface IWindowIndexGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Registers an activating partition and returns the stream watermark it must treat as sealed.</summary>
    /// <remarks>
    /// Completes once the registration is durable. Interleaved: registrations arriving together (every partition of a
    /// starting silo) are made durable by one storage write instead of one write each.
    /// </remarks>
    [AlwaysInterleave]
    Task<long> Register(int partition);

    /// <summary>Records a partition's report and returns the current stream watermark.</summary>
    /// <remarks>
    /// Completes once the windows it announces are durable. Interleaved: reports arriving together (every partition
    /// reports at the same checkpoint instants) are applied in one turn and made durable by one storage write.
    /// </remarks>
    [AlwaysInterleave]
    Task<long> Report(PartitionReport report);

    [AlwaysInterleave]
    Task<IReadOnlyList<WindowInfo>> GetWindows(string? label, long? since);

    [AlwaysInterleave]
    Task<StreamStatus> GetStreamStatus();
}
