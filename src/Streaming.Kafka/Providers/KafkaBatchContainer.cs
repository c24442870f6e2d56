using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>The records of one poll of one partition, delivered to its stream in one call.</summary>
[GenerateSerializer, Immutable]
public sealed class KafkaBatchContainer : IBatchContainer
{
    public KafkaBatchContainer(StreamId streamId, long rewindEpoch, KafkaRecord[] records)
    {
        ArgumentOutOfRangeException.ThrowIfZero(records.Length, nameof(records));
        StreamId = streamId;
        RewindEpoch = rewindEpoch;
        Records = records;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public long RewindEpoch { get; }

    /// <summary>In offset order.</summary>
    [Id(2)]
    public KafkaRecord[] Records { get; }

    public StreamSequenceToken SequenceToken => new KafkaSequenceToken(RewindEpoch, Records[0].Offset);

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        foreach (var record in Records)
        {
            if (record is T item)
            {
                yield return Tuple.Create<T, StreamSequenceToken>(item, new KafkaSequenceToken(RewindEpoch, record.Offset));
            }
        }
    }

    public bool ImportRequestContext() => false;

    public override string ToString() =>
        $"[{nameof(KafkaBatchContainer)}: {StreamId}, epoch {RewindEpoch}, offsets {Records[0].Offset}..{Records[^1].Offset} ({Records.Length} records)]";
}
