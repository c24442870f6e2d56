namespace Orleans.Saga.Domain.Events;

/// <summary>A valid event: <paramref name="Time"/> is Unix seconds (UTC); <paramref name="Readers"/> is optional.</summary>
public sealed record SagaEvent(string Id, long Time, int? Readers, string Text);
