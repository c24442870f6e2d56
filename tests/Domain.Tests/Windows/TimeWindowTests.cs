using Orleans.Saga.Domain.Windows;

namespace Orleans.Saga.Domain.Tests.Windows;

public class TimeWindowTests
{
    [Theory]
    [InlineData(0, 300, 0, 300)]
    [InlineData(299, 300, 0, 300)]
    [InlineData(300, 300, 300, 600)]
    [InlineData(1_700_000_123, 300, 1_700_000_100, 1_700_000_400)]
    [InlineData(59, 60, 0, 60)]
    [InlineData(7, 1, 7, 8)]
    [InlineData(253_402_300_799, 300, 253_402_300_500, 253_402_300_800)]
    public void Windows_are_epoch_aligned_and_half_open(long time, long size, long start, long end)
    {
        var window = TimeWindow.Containing(time, size);

        Assert.Equal(new TimeWindow(start, end), window);
        Assert.True(window.Contains(time));
        Assert.False(window.Contains(end));
        Assert.Equal(size, window.SizeSeconds);
    }

    [Fact]
    public void Alignment_is_to_the_epoch_in_utc()
    {
        var t = new DateTimeOffset(2024, 3, 10, 14, 7, 59, TimeSpan.FromHours(5)).ToUnixTimeSeconds();
        var window = TimeWindow.Containing(t, 300);

        Assert.Equal(new DateTimeOffset(2024, 3, 10, 9, 5, 0, TimeSpan.Zero).ToUnixTimeSeconds(), window.Start);
    }

    [Fact]
    public void Negative_times_floor_rather_than_truncate()
        => Assert.Equal(new TimeWindow(-300, 0), TimeWindow.Containing(-1, 300));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Size_must_be_positive(long size)
        => Assert.Throws<ArgumentOutOfRangeException>(() => TimeWindow.Containing(10, size));
}
