using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Orleans.Saga.Metrics;

/// <summary>The pipeline's instruments, on the meter <see cref="MeterName"/>.</summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "Orleans.Saga.Pipeline";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<int, PartitionWatermarks> _watermarks = new();

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        Consumed = _meter.CreateCounter<long>("saga.records.consumed", description: "Records read from the stream, replays excluded.");
        Counted = _meter.CreateCounter<long>("saga.records.counted", description: "Valid on-time events counted.");
        Rejected = _meter.CreateCounter<long>("saga.records.rejected", description: "Records rejected, by reason (late and future included).");
        DeadLettered = _meter.CreateCounter<long>("saga.records.dead_lettered", description: "Records sent to the dead-letter topic.");
        Duplicates = _meter.CreateCounter<long>("saga.records.duplicates", description: "Re-delivered records skipped by offset.");
        LostToRetention = _meter.CreateCounter<long>("saga.records.lost_to_retention", description: "Offsets a partition expected that Kafka's retention removed before they were read.");
        CheckpointDuration = _meter.CreateHistogram<double>("saga.checkpoint.duration", unit: "ms", description: "Partition checkpoint time: persist, push totals, report.");
        CheckpointErrors = _meter.CreateCounter<long>("saga.checkpoint.errors", description: "Failed partition checkpoints (retried).");
        FlushDuration = _meter.CreateHistogram<double>("saga.rows.flush.duration", unit: "ms", description: "Time to write a window's rows.");
        FlushErrors = _meter.CreateCounter<long>("saga.rows.flush.errors", description: "Failed window row writes (retried).");
        WindowsClosed = _meter.CreateCounter<long>("saga.windows.closed", description: "(window, saga) pairs whose final rows were written.");
        _meter.CreateObservableGauge("saga.partition.watermark", () => ObserveWatermarks(w => w.Watermark), unit: "s",
            description: "Partition watermark (largest event time minus allowed lateness), Unix seconds, per partition active on this silo.");
        _meter.CreateObservableGauge("saga.partition.stream_watermark", () => ObserveWatermarks(w => w.StreamWatermark), unit: "s",
            description: "Stream watermark the partition last learned from the window index, Unix seconds.");
    }

    public Counter<long> Consumed { get; }
    public Counter<long> Counted { get; }
    public Counter<long> Rejected { get; }
    public Counter<long> DeadLettered { get; }
    public Counter<long> Duplicates { get; }
    public Counter<long> LostToRetention { get; }
    public Histogram<double> CheckpointDuration { get; }
    public Counter<long> CheckpointErrors { get; }
    public Histogram<double> FlushDuration { get; }
    public Counter<long> FlushErrors { get; }
    public Counter<long> WindowsClosed { get; }

    /// <summary>Publishes a partition's watermarks (null: not known yet) for the gauges of this silo.</summary>
    public void SetWatermarks(int partition, long? watermark, long? streamWatermark) =>
        _watermarks[partition] = new PartitionWatermarks(watermark, streamWatermark);

    /// <summary>Stops reporting a partition that left this silo.</summary>
    public void RemovePartition(int partition) => _watermarks.TryRemove(partition, out _);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveWatermarks(Func<PartitionWatermarks, long?> select)
    {
        foreach (var (partition, watermarks) in _watermarks)
        {
            if (select(watermarks) is long value)
            {
                yield return new Measurement<long>(value, new KeyValuePair<string, object?>("partition", partition));
            }
        }
    }

    private readonly record struct PartitionWatermarks(long? Watermark, long? StreamWatermark);
}
