using Orleans.Saga.Partitions;

namespace Orleans.Saga.Grains.Tests.Partitions;

public class CheckpointTicksTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 499)]
    [InlineData(250, 250)]
    [InlineData(499, 1)]
    [InlineData(500, 500)]
    [InlineData(1_234, 266)]
    public void The_next_tick_is_the_next_multiple_of_the_interval(int millisecondsPastMidnight, int expectedMilliseconds)
    {
        var now = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(millisecondsPastMidnight);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), CheckpointTicks.UntilNext(now, Interval));
    }

    [Fact]
    public void Partitions_activated_at_different_times_tick_at_the_same_instants()
    {
        var first = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero);
        var second = first.AddMilliseconds(4_321).ToOffset(TimeSpan.FromHours(2));

        Assert.Equal(0, (first + CheckpointTicks.UntilNext(first, Interval)).UtcTicks % Interval.Ticks);
        Assert.Equal(0, (second + CheckpointTicks.UntilNext(second, Interval)).UtcTicks % Interval.Ticks);
    }
}
