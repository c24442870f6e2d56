using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// Orders the events of one partition's stream: by rewind epoch, then by Kafka offset.
/// </summary>
/// <remarks>
/// A rewind seeks back to older offsets; tagging every record with the checkpoint's <see cref="RewindEpoch"/>
/// keeps the tokens the queue cache sees increasing across it (and across receivers, since the epoch is
/// durable), which the cache's cursor positioning relies on.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed class KafkaSequenceToken : StreamSequenceToken
{
    public KafkaSequenceToken(long rewindEpoch, long offset)
    {
        RewindEpoch = rewindEpoch;
        SequenceNumber = offset;
    }

    [Id(0)]
    public long RewindEpoch { get; private set; }

    /// <summary>The Kafka offset.</summary>
    [Id(1)]
    public override long SequenceNumber { get; protected set; }

    /// <summary>Always 0: a Kafka record is addressed by its offset alone.</summary>
    [Id(2)]
    public override int EventIndex { get; protected set; }

    public long Offset => SequenceNumber;

    public override bool Equals(StreamSequenceToken? other) =>
        other is KafkaSequenceToken token && token.RewindEpoch == RewindEpoch && token.SequenceNumber == SequenceNumber;

    public override int CompareTo(StreamSequenceToken? other) => other switch
    {
        null => 1,
        KafkaSequenceToken token when token.RewindEpoch != RewindEpoch => RewindEpoch.CompareTo(token.RewindEpoch),
        KafkaSequenceToken token => SequenceNumber.CompareTo(token.SequenceNumber),
        _ => throw new ArgumentOutOfRangeException(nameof(other), $"Cannot compare a {nameof(KafkaSequenceToken)} with a {other.GetType().Name}."),
    };

    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    public override int GetHashCode() => HashCode.Combine(RewindEpoch, SequenceNumber);

    public override string ToString() => $"[{nameof(KafkaSequenceToken)}: epoch {RewindEpoch}, offset {SequenceNumber}]";
}
