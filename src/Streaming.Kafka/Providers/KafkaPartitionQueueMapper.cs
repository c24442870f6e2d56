using System.Globalization;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// One queue per Kafka partition: queue <c>p</c> reads partition <c>p</c> into stream
/// <c>StreamId.Create(namespace, p)</c>.
/// </summary>
public sealed class KafkaPartitionQueueMapper : IStreamQueueMapper
{
    private readonly QueueId[] _queues;

    public KafkaPartitionQueueMapper(string providerName, string streamNamespace, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        StreamNamespace = streamNamespace;

        // Spread the queues' hashes evenly over the ring, as Orleans' hash-ring mapper does.
        var step = uint.MaxValue / (uint)partitionCount;
        _queues = [.. Enumerable.Range(0, partitionCount).Select(p => QueueId.GetQueueId(providerName, (uint)p, (uint)p * step))];
    }

    public string StreamNamespace { get; }

    public int PartitionCount => _queues.Length;

    public IEnumerable<QueueId> GetAllQueues() => _queues;

    public QueueId GetQueueForStream(StreamId streamId) => _queues[GetPartition(streamId)];

    public QueueId GetQueue(int partition) => _queues[partition];

    public int GetPartition(QueueId queueId)
    {
        var partition = (int)queueId.GetNumericId();
        if (partition >= _queues.Length || !_queues[partition].Equals(queueId))
        {
            throw new ArgumentOutOfRangeException(nameof(queueId), queueId, "Not a queue of this Kafka stream provider.");
        }

        return partition;
    }

    public StreamId GetStreamId(int partition) => StreamId.Create(StreamNamespace, partition);

    public int GetPartition(StreamId streamId)
    {
        if (streamId.GetNamespace() != StreamNamespace
            || !long.TryParse(streamId.GetKeyAsString(), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || partition >= _queues.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(streamId), streamId, $"Kafka streams are '{StreamNamespace}' / partition number 0..{_queues.Length - 1}.");
        }

        return (int)partition;
    }
}
