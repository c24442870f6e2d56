namespace Orleans.Saga.Domain.Windows;

/// <summary>Decides whether an event counts, given the stream's watermark and the wall clock.</summary>
public static class EventTimePolicy
{
    public static EventTiming Classify(
        long eventTime,
        long windowSizeSeconds,
        long streamWatermark,
        long nowUnixSeconds,
        long maxFutureSkewSeconds)
    {
        // Checked first: a future event must not advance any watermark, whatever its window.
        if (eventTime > nowUnixSeconds + maxFutureSkewSeconds)
        {
            return EventTiming.Future;
        }

        return TimeWindow.Containing(eventTime, windowSizeSeconds).End <= streamWatermark
            ? EventTiming.Late
            : EventTiming.OnTime;
    }
}
