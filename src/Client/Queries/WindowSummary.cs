namespace Orleans.Saga.Client.Queries;

/// <summary>A window the cluster knows, with the number of rows it has in <c>kafka_streams</c>.</summary>
/// <param name="Rows">Ranked rows: the top N, or fewer when fewer characters were mentioned.</param>
/// <param name="Characters">Characters mentioned in the window.</param>
public sealed record WindowSummary(string Saga, DateTimeOffset Start, DateTimeOffset End, bool Final, int Rows, int Characters);
