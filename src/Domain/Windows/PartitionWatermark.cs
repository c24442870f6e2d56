namespace Orleans.Saga.Domain.Windows;

/// <summary>
/// One partition's watermark: the largest event time it has seen minus the allowed lateness.
/// It only moves forward. Restore it from persisted state with <c>maxEventTime</c>.
/// </summary>
public sealed class PartitionWatermark
{
    private readonly long _allowedLatenessSeconds;

    public PartitionWatermark(long allowedLatenessSeconds, long? maxEventTime = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(allowedLatenessSeconds);
        _allowedLatenessSeconds = allowedLatenessSeconds;
        MaxEventTime = maxEventTime;
    }

    public long? MaxEventTime { get; private set; }

    /// <summary><see cref="MaxEventTime"/> minus the allowed lateness; null until an event was seen.</summary>
    public long? Value => MaxEventTime - _allowedLatenessSeconds;

    public void Observe(long eventTime)
    {
        if (MaxEventTime is not { } max || eventTime > max)
        {
            MaxEventTime = eventTime;
        }
    }
}
