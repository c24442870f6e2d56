namespace Orleans.Saga.Domain.Windows;

/// <summary>
/// The stream's watermark: the minimum of the watermarks of the partitions that are not idle
/// (idle: nothing delivered for the idle timeout of wall time). A window closes once this reaches
/// its end. A partition that is not idle but has not seen a valid event yet holds it where it is:
/// its first event may be of any time. It never moves backwards. Thread-safe.
/// </summary>
public sealed class StreamWatermark
{
    private readonly TimeSpan _idleTimeout;
    private readonly Dictionary<int, PartitionState> _partitions = [];
    private readonly Lock _lock = new();
    private long _current;

    public StreamWatermark(TimeSpan idleTimeout, long initial = long.MinValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        _idleTimeout = idleTimeout;
        _current = initial;
    }

    /// <summary>The value returned by the last <see cref="Compute"/> (or the initial value).</summary>
    public long Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>
    /// Records the latest state of a partition: its watermark (null while it has seen no valid event)
    /// and when it last delivered a record, valid or not (or, for a partition that has records waiting
    /// or has just started, when it was last known to be busy).
    /// </summary>
    public void Report(int partition, long? partitionWatermark, DateTimeOffset lastDeliveryUtc)
    {
        lock (_lock)
        {
            _partitions[partition] = new PartitionState(partitionWatermark, lastDeliveryUtc);
        }
    }

    public long Compute(DateTimeOffset nowUtc)
    {
        lock (_lock)
        {
            long? activeMin = null;
            long? overallMax = null;
            foreach (var (watermark, lastDelivery) in _partitions.Values)
            {
                var active = nowUtc - lastDelivery < _idleTimeout;
                if (watermark is not { } value)
                {
                    if (active)
                    {
                        return _current;
                    }

                    continue;
                }

                overallMax = overallMax is { } max ? Math.Max(max, value) : value;
                if (active)
                {
                    activeMin = activeMin is { } min ? Math.Min(min, value) : value;
                }
            }

            // When every partition with a watermark is idle, nothing holds the stream back, so it takes the
            // furthest partition watermark: a quiet stream still closes its windows instead of keeping them
            // open until traffic resumes. What an idle partition delivers later for a window closed
            // meanwhile is late, as the semantics say.
            var computed = activeMin ?? overallMax;
            if (computed is { } candidate && candidate > _current)
            {
                _current = candidate;
            }

            return _current;
        }
    }

    private readonly record struct PartitionState(long? Watermark, DateTimeOffset LastDelivery);
}
