namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// Shares one <see cref="TopicConsumer"/> among a silo's receivers of a stream provider: the first receiver to start
/// creates it and the last to stop closes it.
/// </summary>
internal sealed class SharedTopicConsumer(Func<TopicConsumer> create)
{
    private readonly Lock _lock = new();
    private TopicConsumer? _consumer;
    private int _users;

    public TopicConsumer Acquire()
    {
        lock (_lock)
        {
            _users++;
            return _consumer ??= create();
        }
    }

    public void Release(TimeSpan timeout)
    {
        TopicConsumer? closing = null;
        lock (_lock)
        {
            if (--_users == 0)
            {
                (closing, _consumer) = (_consumer, null);
            }
        }

        if (closing is not null)
        {
            closing.Stop(timeout);
            closing.Dispose();
        }
    }
}
