namespace Orleans.Saga.Domain.Characters;

/// <summary>A known character; <paramref name="Saga"/> feeds the embedded classifier and may be absent.</summary>
public sealed record Character(string Name, string? Saga);
