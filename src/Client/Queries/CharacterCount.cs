namespace Orleans.Saga.Client.Queries;

/// <summary>One character's mentions in one (window, saga).</summary>
/// <param name="Rank">Its rank when it is among the window's top N; null otherwise.</param>
public sealed record CharacterCount(string Saga, DateTimeOffset Start, DateTimeOffset End, bool Final, long Count, int? Rank);
