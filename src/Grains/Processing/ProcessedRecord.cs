using Orleans.Saga.Domain.Events;
using Orleans.Saga.Domain.Windows;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Processing;

/// <summary>What became of one record: counted into a window (with the characters it mentions), or rejected.</summary>
public sealed class ProcessedRecord
{
    private ProcessedRecord(KafkaRecord record) => Record = record;

    public KafkaRecord Record { get; }

    /// <summary>Set when the record is not counted; <see cref="Detail"/> says why.</summary>
    public RejectionReason? Rejection { get; private init; }

    public string Detail { get; private init; } = string.Empty;

    /// <summary>The event time of a decoded record that is neither late nor in the future: it moves the watermark.</summary>
    public long? WatermarkTime { get; private init; }

    public TimeWindow Window { get; private init; }

    /// <summary>The saga; null when the event mentions no character (it counts, but adds no row).</summary>
    public string? Label { get; private init; }

    public IReadOnlyList<string> Characters { get; private init; } = [];

    public static ProcessedRecord Rejected(KafkaRecord record, RejectionReason reason, string detail, long? watermarkTime = null) =>
        new(record) { Rejection = reason, Detail = detail, WatermarkTime = watermarkTime };

    public static ProcessedRecord Counted(KafkaRecord record, long eventTime, TimeWindow window, string? label, IReadOnlyList<string> characters) =>
        new(record) { WatermarkTime = eventTime, Window = window, Label = label, Characters = characters };
}
