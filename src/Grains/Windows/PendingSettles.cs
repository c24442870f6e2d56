using Orleans.Saga.Processing;

namespace Orleans.Saga.Windows;

/// <summary>
/// Partitions' settled totals a ranking grain has received but not yet made durable. Each settle is acknowledged
/// only once a storage write holding it has succeeded; all the settles taken together share that one write.
/// </summary>
internal sealed class PendingSettles
{
    private List<(PartitionTotals Totals, TaskCompletionSource Durable)> _pending = [];

    public bool IsEmpty => _pending.Count == 0;

    /// <summary>Queues <paramref name="totals"/>; the task completes when the write that holds them succeeds or fails.</summary>
    public Task Add(PartitionTotals totals)
    {
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((totals, durable));
        return durable.Task;
    }

    /// <summary>Takes every queued settle; the caller applies them, writes, and reports the outcome to the batch.</summary>
    public Batch TakeAll()
    {
        var taken = _pending;
        _pending = [];
        return new Batch(taken);
    }

    internal readonly struct Batch(List<(PartitionTotals Totals, TaskCompletionSource Durable)> settles)
    {
        public IEnumerable<PartitionTotals> Totals => settles.Select(settle => settle.Totals);

        public void Succeeded()
        {
            foreach (var (_, durable) in settles)
            {
                durable.TrySetResult();
            }
        }

        public void Failed(Exception exception)
        {
            foreach (var (_, durable) in settles)
            {
                durable.TrySetException(exception);
            }
        }
    }
}
