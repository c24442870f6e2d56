namespace Orleans.Saga.Client.Producing;

/// <summary>
/// Paces a sender to <c>rate</c> events a second on average, allowing bursts of up to <c>burst</c> events. Taking
/// more tokens than the bucket holds borrows them: the caller is told how long to wait, and later callers wait for
/// the debt too, so short waits may be skipped without the average drifting.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _rate;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _last;

    public TokenBucket(double ratePerSecond, double burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ratePerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _rate = ratePerSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>A bucket for <paramref name="ratePerSecond"/> that bursts at most a twentieth of a second's worth.</summary>
    public static TokenBucket ForRate(double ratePerSecond, TimeProvider time) =>
        new(ratePerSecond, Math.Max(1, ratePerSecond / 20), time);

    public double RatePerSecond => _rate;

    /// <summary>Takes <paramref name="tokens"/> tokens and returns how long to wait before using them (zero if they were there).</summary>
    public TimeSpan Take(int tokens = 1)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + _time.GetElapsedTime(_last, now).TotalSeconds * _rate);
            _last = now;
            _tokens -= tokens;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _rate);
        }
    }

    /// <summary>Takes one token, waiting for it if needed. Waits under a millisecond are left to the debt.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Take();
        if (wait >= TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
    }
}
