namespace Orleans.Saga.Domain.Ranking;

/// <summary>One row of a (window, saga) ranking; <paramref name="Rank"/> starts at 1.</summary>
public sealed record RankedCharacter(string Character, long Count, int Rank);
