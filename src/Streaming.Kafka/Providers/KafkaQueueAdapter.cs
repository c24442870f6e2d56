using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// Reads Kafka partitions into Orleans streams. Read-only: records are produced to Kafka by any Kafka producer.
/// </summary>
/// <remarks>
/// Not rewindable in the Orleans sense (no subscribing from an arbitrary token): replay is driven by the
/// checkpoint store's rewind requests instead, and the consumer deduplicates by offset. This also keeps the
/// pulling agent from skipping batches by comparing a returning consumer's last token with a new receiver's.
/// </remarks>
internal sealed class KafkaQueueAdapter(string name, Func<QueueId, IQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException($"Stream provider '{name}' only reads Kafka; produce records with a Kafka producer.");

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);
}
