namespace Orleans.Saga.Client.Producing;

/// <summary>The outcome of <c>saga produce</c>.</summary>
/// <param name="Sent">Records the broker acknowledged.</param>
/// <param name="Failed">Records that could not be delivered.</param>
/// <param name="Unconfirmed">Records still in flight when the command stopped (interrupted, or the final flush timed out).</param>
/// <param name="RatePerSecond">Acknowledged records per second of <paramref name="ElapsedSeconds"/>.</param>
public sealed record PublishSummary(
    string Topic,
    string BootstrapServers,
    long Sent,
    long Failed,
    long Unconfirmed,
    double ElapsedSeconds,
    double RatePerSecond,
    string? FirstError,
    bool Interrupted)
{
    internal bool FailedForBrokerLoss { get; init; }
}
