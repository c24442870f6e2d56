using Orleans.Saga.Partitions;

namespace Orleans.Saga.Client.Queries;

/// <summary>Record counters of one partition or of all of them.</summary>
public sealed record CounterTotals(
    long Consumed,
    long Counted,
    long Mentions,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectedByReason,
    long Late,
    long DeadLettered,
    long Duplicates,
    long LostToRetention)
{
    public static CounterTotals From(PipelineCounters counters) => new(
        counters.Consumed,
        counters.Counted,
        counters.Mentions,
        counters.Rejected,
        new SortedDictionary<string, long>(counters.RejectedByReason, StringComparer.Ordinal),
        counters.Late,
        counters.DeadLettered,
        counters.Duplicates,
        counters.LostToRetention);

    public static CounterTotals Sum(IEnumerable<PipelineCounters> counters)
    {
        var total = new PipelineCounters();
        foreach (var partition in counters)
        {
            total.Add(partition);
        }

        return From(total);
    }
}
