namespace Orleans.Saga.Processing;

/// <summary>Capped exponential backoff with jitter, for retrying work that must not be dropped.</summary>
public struct Backoff(TimeSpan initial, TimeSpan max)
{
    private TimeSpan _next = initial;

    public int Attempts { get; private set; }

    public TimeSpan Next()
    {
        Attempts++;
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(max.Ticks, _next.Ticks * 2));
        // Up to 20 % jitter so that many grains retrying together do not stampede.
        return delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.2 * Random.Shared.NextDouble()));
    }
}
