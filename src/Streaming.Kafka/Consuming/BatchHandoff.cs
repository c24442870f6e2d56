using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// The few batches waiting between the consume thread and a partition's pulling agent. The consume thread adds one
/// only when there is room and never waits for it, so a pulling agent that stops asking (its cache is full) stops
/// its partition alone, never the silo's other partitions.
/// </summary>
internal sealed class BatchHandoff(int capacity)
{
    private readonly Queue<KafkaBatchContainer> _batches = new();
    private readonly Lock _lock = new();

    /// <summary>True if <see cref="Add"/> may be called; only the consume thread adds, so room cannot vanish meanwhile.</summary>
    public bool HasRoom
    {
        get { lock (_lock) { return _batches.Count < capacity; } }
    }

    public void Add(KafkaBatchContainer batch)
    {
        lock (_lock)
        {
            _batches.Enqueue(batch);
        }
    }

    public IList<IBatchContainer> Take(int maxCount)
    {
        lock (_lock)
        {
            if (_batches.Count == 0)
            {
                return [];
            }

            var taken = new List<IBatchContainer>(Math.Min(maxCount, _batches.Count));
            while (taken.Count < maxCount && _batches.TryDequeue(out var batch))
            {
                taken.Add(batch);
            }

            return taken;
        }
    }
}
