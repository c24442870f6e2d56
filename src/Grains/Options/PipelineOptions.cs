namespace Orleans.Saga.Options;

/// <summary>How partition and ranking grains process, checkpoint and flush (section <c>Saga</c>).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Saga";

    public EventTimeSource EventTime { get; set; } = EventTimeSource.Payload;

    /// <summary>Records larger than this are dead-lettered as <c>oversize</c>.</summary>
    public int MaxEventBytes { get; set; } = 1 << 20;

    /// <summary>
    /// A partition persists its state at least this often while it has progress to save. Counts become visible to
    /// queries with the checkpoint that makes them durable, so this is the floor of the produce-to-visible latency:
    /// at 500 ms the benchmark's p99 at half load is 0.75 s, at 1 s it was 1.2 s (docs/BENCHMARKS.md).
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A partition also checkpoints after this many records, whichever comes first.</summary>
    public int CheckpointMaxRecords { get; set; } = 50_000;

    /// <summary>Open windows' rows are upserted at most this often, when they changed.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Open windows' ranking grains persist their merged totals at most this often, when they changed. Not needed for
    /// exact rows (partitions keep their counts until they have settled them); it bounds how much a lost activation
    /// has to get back from the partitions' next pushes.
    /// </summary>
    public TimeSpan RankingSaveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A partition that has not reported for this long is woken by the window index.</summary>
    public TimeSpan PartitionStaleAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound of the backoff between retries of a checkpoint, a dead letter or a row write.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        if (MaxEventBytes <= 0) throw new InvalidOperationException("Saga:MaxEventBytes must be positive.");
        if (CheckpointInterval <= TimeSpan.Zero) throw new InvalidOperationException("Saga:CheckpointInterval must be positive.");
        if (CheckpointMaxRecords <= 0) throw new InvalidOperationException("Saga:CheckpointMaxRecords must be positive.");
        if (FlushInterval <= TimeSpan.Zero) throw new InvalidOperationException("Saga:FlushInterval must be positive.");
        if (RankingSaveInterval <= TimeSpan.Zero) throw new InvalidOperationException("Saga:RankingSaveInterval must be positive.");
        if (PartitionStaleAfter <= CheckpointInterval) throw new InvalidOperationException("Saga:PartitionStaleAfter must exceed Saga:CheckpointInterval.");
        if (MaxRetryBackoff <= TimeSpan.Zero) throw new InvalidOperationException("Saga:MaxRetryBackoff must be positive.");
    }
}
