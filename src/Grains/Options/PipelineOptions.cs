namespace Orleans.Saga.Options;

/// <summary>How partition and ranking grains process, checkpoint and flush (section <c>Saga</c>).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Saga";

    public EventTimeSource EventTime { get; set; } = EventTimeSource.Payload;

    /// <summary>Records larger than this are dead-lettered as <c>oversize</c>.</summary>
    public int MaxEventBytes { get; set; } = 1 << 20;

    /// <summary>
    /// A partition persists its state this often while it has progress to save (less often while it catches up:
    /// <see cref="CatchUpCheckpointMultiple"/>). Counts become visible to
    /// queries with the checkpoint that makes them durable, so this is the floor of the produce-to-visible latency:
    /// at 500 ms the benchmark's p99 at half load is 0.75 s, at 1 s it was 1.2 s (docs/BENCHMARKS.md).
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// While a partition is catching up (<see cref="CatchUpBacklog"/>), it checkpoints only every this many checkpoint
    /// intervals, still on the instants every partition shares: fewer, larger checkpoints (state writes, pushes to the
    /// ranking grains, reports to the index) leave more of the CPU and of MySQL to reading the backlog, and its counts
    /// become visible up to that much later. Once caught up it checkpoints at the next interval again. 1 turns it off.
    /// </summary>
    public int CatchUpCheckpointMultiple { get; set; } = 4;

    /// <summary>A partition is catching up while at least this many records wait in Kafka behind the last it processed.</summary>
    public long CatchUpBacklog { get; set; } = 1000;

    /// <summary>How often a partition that is catching up checkpoints.</summary>
    public TimeSpan CatchUpCheckpointInterval => CheckpointInterval * CatchUpCheckpointMultiple;

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
        if (CatchUpCheckpointMultiple < 1) throw new InvalidOperationException("Saga:CatchUpCheckpointMultiple must be at least 1 (1 turns catch-up checkpoints off).");
        if (CatchUpBacklog <= 0) throw new InvalidOperationException("Saga:CatchUpBacklog must be positive.");
        if (CheckpointMaxRecords <= 0) throw new InvalidOperationException("Saga:CheckpointMaxRecords must be positive.");
        if (FlushInterval <= TimeSpan.Zero) throw new InvalidOperationException("Saga:FlushInterval must be positive.");
        if (RankingSaveInterval <= TimeSpan.Zero) throw new InvalidOperationException("Saga:RankingSaveInterval must be positive.");
        if (PartitionStaleAfter <= CatchUpCheckpointInterval)
        {
            throw new InvalidOperationException(
                $"Saga:PartitionStaleAfter ({PartitionStaleAfter}) must exceed the longest interval between a partition's checkpoints, "
                + $"Saga:CheckpointInterval × Saga:CatchUpCheckpointMultiple ({CatchUpCheckpointInterval}); 1 as the multiple turns catch-up checkpoints off.");
        }
        if (MaxRetryBackoff <= TimeSpan.Zero) throw new InvalidOperationException("Saga:MaxRetryBackoff must be positive.");
    }
}
