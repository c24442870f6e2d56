using Orleans.Saga.Domain.Windows;

namespace Orleans.Saga.Domain.Tests.Windows;

public class PartitionWatermarkTests
{
    [Fact]
    public void Has_no_value_until_an_event_is_seen()
    {
        var watermark = new PartitionWatermark(allowedLatenessSeconds: 600);

        Assert.Null(watermark.MaxEventTime);
        Assert.Null(watermark.Value);
    }

    [Fact]
    public void Trails_the_largest_event_time_by_the_lateness_and_never_goes_back()
    {
        var watermark = new PartitionWatermark(allowedLatenessSeconds: 600);

        watermark.Observe(10_000);
        Assert.Equal(9_400, watermark.Value);

        watermark.Observe(9_000); // an older event does not move it back
        Assert.Equal(10_000, watermark.MaxEventTime);
        Assert.Equal(9_400, watermark.Value);

        watermark.Observe(10_500);
        Assert.Equal(9_900, watermark.Value);
    }

    [Fact]
    public void Resumes_from_a_persisted_max_event_time()
    {
        var watermark = new PartitionWatermark(allowedLatenessSeconds: 60, maxEventTime: 1_000);

        Assert.Equal(940, watermark.Value);
        watermark.Observe(999);
        Assert.Equal(1_000, watermark.MaxEventTime);
    }

    [Fact]
    public void Lateness_must_not_be_negative()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionWatermark(-1));
}
