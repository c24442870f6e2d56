namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// One Kafka record as it travels through Orleans streams. Values come from any producer (plain bytes, never
/// Orleans-serialised); a batch container carries a whole poll of them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class KafkaRecord
{
    [Id(0)] public required string Topic { get; init; }
    [Id(1)] public required int Partition { get; init; }
    [Id(2)] public required long Offset { get; init; }

    /// <summary>
    /// The consumer position this record was reached from: the position before the poll for the first record of a
    /// poll, the previous record's offset + 1 for the others. A consumer that knows its next offset can tell a
    /// duplicate (<see cref="Offset"/> below it) from a gap (<see cref="PrecedingPosition"/> above it) exactly,
    /// even where Kafka offsets are not contiguous.
    /// </summary>
    [Id(3)] public required long PrecedingPosition { get; init; }

    /// <summary>The Kafka record timestamp, Unix milliseconds.</summary>
    [Id(4)] public long TimestampMs { get; init; }
    [Id(5)] public byte[]? Key { get; init; }
    [Id(6)] public required byte[] Value { get; init; }
    [Id(7)] public KafkaHeader[] Headers { get; init; } = [];

    /// <summary>
    /// The partition's end offset (high watermark) as the consumer knew it when this record's poll ended, or -1 when
    /// unknown. Beyond this record's offset + 1 it says that more records wait: a consumer with a backlog is not idle.
    /// </summary>
    [Id(8)] public long LogEndOffset { get; init; } = -1;

    /// <summary>
    /// Set on the first record read after the consumer found its position below the start of the log: offsets from
    /// here up to <see cref="PrecedingPosition"/> were removed by retention before they were read (the receiver logs
    /// and counts them). A consumer that expected an offset in that range can tell that no rewind will bring it back.
    /// </summary>
    [Id(9)] public long? LostFrom { get; init; }
}
