using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// The few polled batches waiting between a partition's consume thread and its pulling agent. The consume thread
/// polls only when there is room, so a pulling agent that stops asking (its cache is full) stops the reading.
/// </summary>
/// <remarks>
/// Waiting for room blocks without spinning: a silo runs a consume thread per partition, and dozens of threads
/// spinning in a semaphore's wait while their pulling agents are between two reads took most of the CPU of two cores.
/// </remarks>
internal sealed class BatchHandoff(int capacity)
{
    private readonly Queue<KafkaBatchContainer> _batches = new();
    private readonly object _lock = new();
    private int _reserved;

    /// <summary>
    /// Reserves room for one batch, waiting up to <paramref name="timeout"/>; give it back with <see cref="Release"/>
    /// if the poll found nothing. Returns false on timeout or cancellation.
    /// </summary>
    public bool TryReserve(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_lock)
        {
            while (_reserved + _batches.Count >= capacity)
            {
                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0 || cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                Monitor.Wait(_lock, (int)remaining);
            }

            _reserved++;
            return true;
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _reserved--;
            Monitor.PulseAll(_lock);
        }
    }

    public void Add(KafkaBatchContainer batch)
    {
        lock (_lock)
        {
            _reserved--;
            _batches.Enqueue(batch);
        }
    }

    public IList<IBatchContainer> Take(int maxCount)
    {
        var taken = new List<IBatchContainer>();
        lock (_lock)
        {
            while (taken.Count < maxCount && _batches.TryDequeue(out var batch))
            {
                taken.Add(batch);
            }

            if (taken.Count > 0)
            {
                Monitor.PulseAll(_lock);
            }
        }

        return taken;
    }
}
