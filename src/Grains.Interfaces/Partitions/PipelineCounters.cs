namespace Orleans.Saga.Partitions;

/// <summary>
/// Exact record counters of one partition. They are part of the partition's checkpoint,
/// so they survive crashes and replays without double counting.
/// </summary>
[GenerateSerializer]
public sealed class PipelineCounters
{
    /// <summary>Records read from the partition (duplicates from replays excluded).</summary>
    [Id(0)] public long Consumed { get; set; }

    /// <summary>Valid, on-time events that were counted (with or without mentions).</summary>
    [Id(1)] public long Counted { get; set; }

    /// <summary>Character mentions added to window counts.</summary>
    [Id(2)] public long Mentions { get; set; }

    /// <summary>Rejected records by reason code (late and future included).</summary>
    [Id(3)] public Dictionary<string, long> RejectedByReason { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Records handed to the dead-letter publisher.</summary>
    [Id(4)] public long DeadLettered { get; set; }

    /// <summary>Records skipped because an earlier delivery already covered their offset.</summary>
    [Id(5)] public long Duplicates { get; set; }

    /// <summary>Offsets the partition expected that Kafka's retention removed before they were read.</summary>
    [Id(6)] public long LostToRetention { get; set; }

    public long Rejected => RejectedByReason.Values.Sum();

    public long Late => RejectedByReason.GetValueOrDefault("late");

    public void Reject(string reasonCode) =>
        RejectedByReason[reasonCode] = RejectedByReason.GetValueOrDefault(reasonCode) + 1;

    public PipelineCounters Clone() => new()
    {
        Consumed = Consumed,
        Counted = Counted,
        Mentions = Mentions,
        RejectedByReason = new Dictionary<string, long>(RejectedByReason, StringComparer.Ordinal),
        DeadLettered = DeadLettered,
        Duplicates = Duplicates,
        LostToRetention = LostToRetention,
    };

    public void Add(PipelineCounters other)
    {
        Consumed += other.Consumed;
        Counted += other.Counted;
        Mentions += other.Mentions;
        DeadLettered += other.DeadLettered;
        Duplicates += other.Duplicates;
        LostToRetention += other.LostToRetention;
        foreach (var (reason, count) in other.RejectedByReason)
        {
            RejectedByReason[reason] = RejectedByReason.GetValueOrDefault(reason) + count;
        }
    }
}
