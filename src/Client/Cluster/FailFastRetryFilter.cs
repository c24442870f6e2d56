namespace Orleans.Saga.Client.Cluster;

/// <summary>
/// Retries the first connection a fixed number of times: a CLI should say quickly that the cluster is not there,
/// where a long-running client would keep trying.
/// </summary>
public sealed class FailFastRetryFilter(int attempts, TimeSpan delay) : IClientConnectionRetryFilter
{
    private int _failures;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _failures) >= attempts)
        {
            return false;
        }

        await Task.Delay(delay, cancellationToken);
        return true;
    }
}
