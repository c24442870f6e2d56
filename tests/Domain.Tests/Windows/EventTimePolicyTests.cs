using Orleans.Saga.Domain.Windows;

namespace Orleans.Saga.Domain.Tests.Windows;

public class EventTimePolicyTests
{
    private const long Size = 300;
    private const long Skew = 3_600;
    private const long Now = 1_700_000_000;

    private static EventTiming Classify(long eventTime, long streamWatermark)
        => EventTimePolicy.Classify(eventTime, Size, streamWatermark, Now, Skew);

    [Fact]
    public void An_event_whose_window_is_open_is_on_time()
    {
        // Window [1_699_999_800, 1_700_000_100): open while the watermark is below its end.
        Assert.Equal(EventTiming.OnTime, Classify(1_699_999_900, streamWatermark: 1_700_000_099));
        Assert.Equal(EventTiming.OnTime, Classify(1_699_999_900, streamWatermark: long.MinValue));
    }

    [Fact]
    public void An_event_whose_window_end_has_been_reached_is_late()
    {
        Assert.Equal(EventTiming.Late, Classify(1_699_999_900, streamWatermark: 1_700_000_100));
        Assert.Equal(EventTiming.Late, Classify(1_699_999_800, streamWatermark: 1_700_000_100));
    }

    [Fact]
    public void Lateness_depends_on_the_window_not_on_the_event_time()
    {
        // The watermark is past this event's time but not past the end of its window.
        Assert.Equal(EventTiming.OnTime, Classify(1_700_000_100, streamWatermark: 1_700_000_200));
    }

    [Fact]
    public void Events_beyond_the_skew_are_future()
    {
        Assert.Equal(EventTiming.OnTime, Classify(Now + Skew, streamWatermark: 0));
        Assert.Equal(EventTiming.Future, Classify(Now + Skew + 1, streamWatermark: 0));
    }

    [Fact]
    public void Future_wins_over_late()
        => Assert.Equal(EventTiming.Future, Classify(Now + Skew + 1, streamWatermark: long.MaxValue));
}
