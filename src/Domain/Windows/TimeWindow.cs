namespace Orleans.Saga.Domain.Windows;

/// <summary>A tumbling event-time window [Start, End) in Unix seconds, UTC.</summary>
public readonly record struct TimeWindow(long Start, long End)
{
    public long SizeSeconds => End - Start;

    public bool Contains(long time) => time >= Start && time < End;

    /// <summary>The epoch-aligned window of <paramref name="sizeSeconds"/> that holds <paramref name="time"/>.</summary>
    public static TimeWindow Containing(long time, long sizeSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeSeconds);

        // Floor division, so that a (never expected) negative time still lands in the window that holds it.
        var start = time - (((time % sizeSeconds) + sizeSeconds) % sizeSeconds);
        return new TimeWindow(start, start + sizeSeconds);
    }

    public override string ToString()
        => $"[{DateTimeOffset.FromUnixTimeSeconds(Start):u}, {DateTimeOffset.FromUnixTimeSeconds(End):u})";
}
