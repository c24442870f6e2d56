using System.Collections.Concurrent;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// The few polled batches waiting between a partition's consume thread and its pulling agent. The consume thread
/// polls only when there is room, so a pulling agent that stops asking (its cache is full) stops the reading.
/// </summary>
internal sealed class BatchHandoff(int capacity)
{
    private readonly ConcurrentQueue<KafkaBatchContainer> _batches = new();
    private readonly SemaphoreSlim _room = new(capacity, capacity);

    /// <summary>Reserves room for one batch; give it back with <see cref="Release"/> if the poll found nothing.</summary>
    public bool TryReserve(TimeSpan timeout, CancellationToken cancellationToken) => _room.Wait(timeout, cancellationToken);

    public void Release() => _room.Release();

    public void Add(KafkaBatchContainer batch) => _batches.Enqueue(batch);

    public IList<IBatchContainer> Take(int maxCount)
    {
        var taken = new List<IBatchContainer>();
        while (taken.Count < maxCount && _batches.TryDequeue(out var batch))
        {
            taken.Add(batch);
            _room.Release();
        }

        return taken;
    }
}
