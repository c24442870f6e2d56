namespace Orleans.Saga.Options;

/// <summary>Where an event's time comes from (<c>Saga:EventTime</c>).</summary>
public enum EventTimeSource
{
    /// <summary>The payload's <c>time</c> field (Unix seconds).</summary>
    Payload,

    /// <summary>The Kafka record timestamp.</summary>
    Kafka,
}
