namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

/// <summary>Whether a scenario may make a partition process records a second time.</summary>
public enum Replays
{
    /// <summary>Nothing is lost in memory: no record is delivered twice, and each bad record is dead-lettered once.</summary>
    None,

    /// <summary>
    /// A silo died with progress that was not checkpointed: its partitions replay from their checkpoints. Counts stay
    /// exact (the replayed records are skipped or recounted from durable state), but dead letters are at-least-once.
    /// </summary>
    Possible,
}
