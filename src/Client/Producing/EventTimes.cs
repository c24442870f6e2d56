namespace Orleans.Saga.Client.Producing;

/// <summary>The event times of generated events (Unix seconds).</summary>
public sealed class EventTimes
{
    private readonly Func<int, Random, long> _timeOf;

    private EventTimes(Func<int, Random, long> timeOf) => _timeOf = timeOf;

    /// <summary>The wall time when the event is made, up to <paramref name="jitter"/> earlier: a live stream's small disorder.</summary>
    public static EventTimes AroundNow(TimeProvider time, TimeSpan jitter) => new((_, random) =>
        time.GetUtcNow().ToUnixTimeSeconds() - random.NextInt64((long)jitter.TotalSeconds + 1));

    /// <summary>
    /// <paramref name="count"/> events spread evenly from <paramref name="start"/> over <paramref name="span"/>, each moved by up
    /// to <paramref name="jitter"/> either way but kept inside the span: a replay of the past in roughly event-time order.
    /// </summary>
    public static EventTimes Spread(DateTimeOffset start, TimeSpan span, int count, TimeSpan jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var first = start.ToUnixTimeSeconds();
        var last = first + Math.Max(0, (long)span.TotalSeconds - 1);
        var jitterSeconds = (long)jitter.TotalSeconds;
        return new((index, random) =>
        {
            var even = first + (long)(span.TotalSeconds * index / count);
            return Math.Clamp(even + random.NextInt64(-jitterSeconds, jitterSeconds + 1), first, last);
        });
    }

    public long TimeOf(int index, Random random) => _timeOf(index, random);
}
