namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

/// <summary>How far a scenario may make partitions go over records a second time.</summary>
public enum Replays
{
    /// <summary>Every record is delivered once: none skipped as a duplicate, each bad record dead-lettered once.</summary>
    None,

    /// <summary>
    /// Records may be delivered again (a receiver restarts from a checkpoint, a new activation asks for a replay) and
    /// are skipped, since the partition already holds them: counts and dead letters stay exact.
    /// </summary>
    Skipped,

    /// <summary>
    /// An activation was lost with progress it had not checkpointed: the next one processes those records again from
    /// the checkpoint. Counts stay exact (they come from durable state), dead letters are at-least-once.
    /// </summary>
    Reprocessed,
}
