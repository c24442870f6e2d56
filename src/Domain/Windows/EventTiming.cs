namespace Orleans.Saga.Domain.Windows;

public enum EventTiming
{
    /// <summary>The event's window is still open: count it.</summary>
    OnTime,

    /// <summary>The event's window has closed: dead-letter it as <c>late</c>.</summary>
    Late,

    /// <summary>The event is too far ahead of wall time: dead-letter it as <c>future</c>.</summary>
    Future,
}
