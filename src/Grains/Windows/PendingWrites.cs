namespace Orleans.Saga.Windows;

/// <summary>
/// Requests a grain has received but not yet applied and made durable. Each is acknowledged only once the turn that
/// takes it has applied it and any storage write it needs has succeeded; all the requests taken together share that
/// turn and that one write.
/// </summary>
internal sealed class PendingWrites<T>
{
    private List<(T Item, TaskCompletionSource Durable)> _pending = [];

    public bool IsEmpty => _pending.Count == 0;

    /// <summary>Queues <paramref name="item"/>; the task completes when the write that holds it succeeds or fails.</summary>
    public Task Add(T item)
    {
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((item, durable));
        return durable.Task;
    }

    /// <summary>Takes every queued request; the caller applies them, writes, and reports the outcome to the batch.</summary>
    public Batch TakeAll()
    {
        var taken = _pending;
        _pending = [];
        return new Batch(taken);
    }

    internal readonly struct Batch(List<(T Item, TaskCompletionSource Durable)> requests)
    {
        public IEnumerable<T> Items => requests.Select(request => request.Item);

        public void Succeeded()
        {
            foreach (var (_, durable) in requests)
            {
                durable.TrySetResult();
            }
        }

        public void Failed(Exception exception)
        {
            foreach (var (_, durable) in requests)
            {
                durable.TrySetException(exception);
            }
        }
    }
}
