namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>One row of <c>kafka_streams</c>, times in Unix seconds.</summary>
public sealed record StoredRow(long WindowStart, long WindowEnd, string Label, string Character, long Count, int Rank, bool IsFinal);
