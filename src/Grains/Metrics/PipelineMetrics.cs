using System.Diagnostics.Metrics;

namespace Orleans.Saga.Metrics;

/// <summary>The pipeline's instruments, on the meter <see cref="MeterName"/>.</summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "Orleans.Saga.Pipeline";

    private readonly Meter _meter;

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        Consumed = _meter.CreateCounter<long>("saga.records.consumed", description: "Records read from the stream, replays excluded.");
        Counted = _meter.CreateCounter<long>("saga.records.counted", description: "Valid on-time events counted.");
        Rejected = _meter.CreateCounter<long>("saga.records.rejected", description: "Records rejected, by reason (late and future included).");
        DeadLettered = _meter.CreateCounter<long>("saga.records.dead_lettered", description: "Records sent to the dead-letter topic.");
        Duplicates = _meter.CreateCounter<long>("saga.records.duplicates", description: "Re-delivered records skipped by offset.");
        CheckpointDuration = _meter.CreateHistogram<double>("saga.checkpoint.duration", unit: "ms", description: "Partition checkpoint time: persist, push totals, report.");
        CheckpointErrors = _meter.CreateCounter<long>("saga.checkpoint.errors", description: "Failed partition checkpoints (retried).");
        FlushDuration = _meter.CreateHistogram<double>("saga.rows.flush.duration", unit: "ms", description: "Time to write a window's rows.");
        FlushErrors = _meter.CreateCounter<long>("saga.rows.flush.errors", description: "Failed window row writes (retried).");
        WindowsClosed = _meter.CreateCounter<long>("saga.windows.closed", description: "(window, saga) pairs whose final rows were written.");
    }

    public Counter<long> Consumed { get; }
    public Counter<long> Counted { get; }
    public Counter<long> Rejected { get; }
    public Counter<long> DeadLettered { get; }
    public Counter<long> Duplicates { get; }
    public Histogram<double> CheckpointDuration { get; }
    public Counter<long> CheckpointErrors { get; }
    public Histogram<double> FlushDuration { get; }
    public Counter<long> FlushErrors { get; }
    public Counter<long> WindowsClosed { get; }

    public void Dispose() => _meter.Dispose();
}
