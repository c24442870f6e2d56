namespace Orleans.Saga.Client.Producing;

/// <summary>Counters of a running publish, updated by Kafka's delivery reports and read by the progress display.</summary>
public sealed class PublishProgress
{
    private long _produced;
    private long _delivered;
    private long _failed;
    private string? _firstError;
    private bool _firstErrorIsBrokerLoss;

    /// <summary>Records handed to the producer.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Records the broker acknowledged (acks=all).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Records whose delivery failed after the producer's retries.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public long Completed => Delivered + Failed;

    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>Whether the first failure came from not reaching the broker (rather than, say, a record too large).</summary>
    public bool FirstErrorIsBrokerLoss => Volatile.Read(ref _firstErrorIsBrokerLoss);

    internal void OnProduced() => Interlocked.Increment(ref _produced);

    internal void OnDelivered() => Interlocked.Increment(ref _delivered);

    internal void OnFailed(string error, bool brokerLoss)
    {
        if (Interlocked.Increment(ref _failed) == 1)
        {
            Volatile.Write(ref _firstErrorIsBrokerLoss, brokerLoss);
            Volatile.Write(ref _firstError, error);
        }
    }
}
