namespace Orleans.Saga.Client.Producing;

/// <summary>One record to produce: the value exactly as it will be written, and its key (the event id, or none).</summary>
public readonly record struct OutgoingEvent(string? Key, string Value);
