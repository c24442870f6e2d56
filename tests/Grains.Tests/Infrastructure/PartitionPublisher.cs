using System.Text;
using Orleans.Runtime;
using Orleans.Saga.Streaming.Kafka;
using Orleans.Streams;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>Publishes raw record values to the partitions' streams as a Kafka receiver would: contiguous offsets.</summary>
public sealed class PartitionPublisher(IClusterClient client, int partitions)
{
    private readonly long[] _nextOffsets = new long[partitions];
    private readonly IStreamProvider _provider = client.GetStreamProvider(SagaStreams.ProviderName);

    public long NextOffset(int partition) => _nextOffsets[partition];

    public Task PublishAsync(int partition, IEnumerable<string> values) => PublishAsync(partition, Records(partition, values));

    /// <summary>Makes records at the partition's next offsets, each reached from the one before.</summary>
    public IReadOnlyList<KafkaRecord> Records(int partition, IEnumerable<string> values) =>
        values.Select(value => Record(partition, _nextOffsets[partition]++, value)).ToList();

    public static KafkaRecord Record(int partition, long offset, string value, long? precedingPosition = null, long logEndOffset = -1, long? lostFrom = null) =>
        Record(partition, offset, Encoding.UTF8.GetBytes(value), precedingPosition, logEndOffset, lostFrom);

    public static KafkaRecord Record(int partition, long offset, byte[] value, long? precedingPosition = null, long logEndOffset = -1, long? lostFrom = null) => new()
    {
        Topic = "events",
        Partition = partition,
        Offset = offset,
        PrecedingPosition = precedingPosition ?? offset,
        TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        Value = value,
        LogEndOffset = logEndOffset,
        LostFrom = lostFrom,
    };

    /// <summary>Publishes records as they are, e.g. a replay or a gap.</summary>
    public async Task PublishAsync(int partition, IReadOnlyList<KafkaRecord> records)
    {
        if (records.Count > 0)
        {
            var stream = _provider.GetStream<KafkaRecord>(StreamId.Create(SagaStreams.EventNamespace, (long)partition));
            await stream.OnNextBatchAsync(records);
        }
    }
}
