namespace Orleans.Saga.Partitions;

/// <summary>
/// When partitions checkpoint: on the wall clock's multiples of the interval, the same instants for every partition
/// (on every silo whose clock agrees), rather than an interval after each activation. Partitions then learn of a new
/// stream watermark together and settle a window with its ranking grain together, which writes the settles it
/// receives together once, not once per partition's phase.
/// </summary>
public static class CheckpointTicks
{
    /// <summary>Time from <paramref name="now"/> to the next multiple of <paramref name="interval"/>; a whole interval on one.</summary>
    public static TimeSpan UntilNext(DateTimeOffset now, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return TimeSpan.FromTicks(interval.Ticks - now.UtcTicks % interval.Ticks);
    }
}
