namespace Orleans.Saga.Streaming.Kafka;

/// <summary>The mutable status of one partition, written by its receiver's threads and read as snapshots.</summary>
internal sealed class PartitionStatusTracker(string topic, int partition, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private bool _assigned;
    private long? _position;
    private long? _committed;
    private long? _low;
    private long? _high;
    private DateTimeOffset? _watermarksAt;
    private bool _brokerReachable = true;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private long _recordsConsumed;
    private long _lostRanges;
    private long _lostRecords;

    public bool Assigned
    {
        get { lock (_lock) { return _assigned; } }
    }

    public bool BrokerReachable
    {
        get { lock (_lock) { return _brokerReachable; } }
    }

    public void SetAssigned(bool assigned)
    {
        lock (_lock)
        {
            _assigned = assigned;
            if (!assigned)
            {
                _position = null;
                _brokerReachable = true;
            }
        }
    }

    public void SetPosition(long position)
    {
        lock (_lock) { _position = position; }
    }

    public void RecordConsumed(int records, long nextPosition)
    {
        lock (_lock)
        {
            _recordsConsumed += records;
            _position = nextPosition;
            _brokerReachable = true;
        }
    }

    public void SetCommitted(long offset)
    {
        lock (_lock) { _committed = offset; }
    }

    public void SetWatermarks(long low, long high)
    {
        lock (_lock)
        {
            _low = low;
            _high = high;
            _watermarksAt = timeProvider.GetUtcNow();
            _brokerReachable = true;
        }
    }

    public void SetBrokerReachable(bool reachable)
    {
        lock (_lock) { _brokerReachable = reachable; }
    }

    public void RecordError(string error)
    {
        lock (_lock)
        {
            _lastError = error;
            _lastErrorAt = timeProvider.GetUtcNow();
        }
    }

    public void RecordLoss(long records)
    {
        lock (_lock)
        {
            _lostRanges++;
            _lostRecords += records;
        }
    }

    public KafkaPartitionStatus Snapshot()
    {
        lock (_lock)
        {
            return new KafkaPartitionStatus(
                topic, partition, _assigned, _position, _committed, _low, _high, _watermarksAt, _brokerReachable,
                _lastError, _lastErrorAt, _recordsConsumed, _lostRanges, _lostRecords);
        }
    }
}
