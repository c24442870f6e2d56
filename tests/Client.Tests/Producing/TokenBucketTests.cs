using Orleans.Saga.Client.Producing;
using Orleans.Saga.Client.Tests.Infrastructure;

namespace Orleans.Saga.Client.Tests.Producing;

public sealed class TokenBucketTests
{
    private readonly ManualTime _time = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_full_bucket_gives_its_burst_without_waiting()
    {
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 3, _time);

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], [bucket.Take(), bucket.Take(), bucket.Take()]);
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Take());
    }

    [Fact]
    public void Borrowed_tokens_make_later_callers_wait_longer()
    {
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 1, _time);
        bucket.Take();

        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Take());
        Assert.Equal(TimeSpan.FromMilliseconds(200), bucket.Take());
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Take());
    }

    [Fact]
    public void An_idle_bucket_refills_only_up_to_its_burst()
    {
        var bucket = new TokenBucket(ratePerSecond: 100, burst: 5, _time);
        for (var i = 0; i < 5; i++)
        {
            bucket.Take();
        }

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.All(Enumerable.Range(0, 5).Select(_ => bucket.Take()), wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(TimeSpan.FromMilliseconds(10), bucket.Take());
    }

    [Fact]
    public void Taking_as_told_holds_the_average_rate()
    {
        var bucket = TokenBucket.ForRate(1000, _time);
        var sent = 0;
        var elapsed = TimeSpan.Zero;
        while (sent < 20_000)
        {
            var wait = bucket.Take();
            _time.Advance(wait);
            elapsed += wait;
            sent++;
        }

        // 20 000 events at 1 000 a second, less the initial burst of 50.
        Assert.Equal(19.95, elapsed.TotalSeconds, precision: 3);
    }
}
