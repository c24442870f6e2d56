namespace Orleans.Saga.Domain.Classification;

/// <summary>A bounded, thread-safe least-recently-used map from text to label.</summary>
internal sealed class LabelCache
{
    private readonly int _capacity;
    private readonly int _maxTextLength;
    private readonly Dictionary<string, LinkedListNode<(string Text, string Label)>> _entries;
    private readonly LinkedList<(string Text, string Label)> _byRecency = new(); // most recent first
    private readonly Lock _lock = new();

    public LabelCache(int capacity, int maxTextLength)
    {
        _capacity = capacity;
        _maxTextLength = maxTextLength;
        _entries = new(Math.Min(capacity, 1024), StringComparer.Ordinal);
    }

    public bool TryGet(string text, out string label)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(text, out var node))
            {
                _byRecency.Remove(node);
                _byRecency.AddFirst(node);
                label = node.Value.Label;
                return true;
            }
        }

        label = string.Empty;
        return false;
    }

    public void Set(string text, string label)
    {
        if (_capacity == 0 || text.Length > _maxTextLength)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(text, out var existing))
            {
                _byRecency.Remove(existing);
                _entries.Remove(text);
            }

            _entries[text] = _byRecency.AddFirst((text, label));
            if (_entries.Count > _capacity)
            {
                var oldest = _byRecency.Last!;
                _byRecency.RemoveLast();
                _entries.Remove(oldest.Value.Text);
            }
        }
    }
}
