using System.Text.RegularExpressions;

namespace Orleans.Saga.Bench.EndToEnd.Pipeline;

/// <summary>
/// What a run's checkpoints waited for, from the silo's Prometheus endpoint at the end: how many partition checkpoints
/// ran and how long they took on average (a partition takes no records meanwhile), and the grain-state writes per
/// state (partition, ranking, index) with their average latency.
/// </summary>
public sealed partial record SiloStorageMetrics(long Checkpoints, double CheckpointMeanMs, IReadOnlyList<(string State, long Writes, double MeanMs)> StateWrites)
{
    public static SiloStorageMetrics From(IReadOnlyList<PrometheusSample> samples)
    {
        double Sum(string name) => samples.Where(s => s.Name == name).Sum(s => s.Value);

        var checkpoints = (long)Sum("saga_checkpoint_duration_milliseconds_count");
        var writes = samples
            .Where(s => s.Name.StartsWith("orleans_storage_write_latency_milliseconds_", StringComparison.Ordinal))
            .GroupBy(s => StateName().Match(s.Labels).Groups[1].Value)
            .Select(g => (
                State: g.Key,
                Writes: (long)g.Where(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Sum(s => s.Value),
                TotalMs: g.Where(s => s.Name.EndsWith("_sum", StringComparison.Ordinal)).Sum(s => s.Value)))
            .Where(w => w.Writes > 0)
            .OrderByDescending(w => w.Writes)
            .Select(w => (w.State, w.Writes, w.TotalMs / w.Writes))
            .ToList();
        return new SiloStorageMetrics(checkpoints, checkpoints == 0 ? 0 : Sum("saga_checkpoint_duration_milliseconds_sum") / checkpoints, writes);
    }

    [GeneratedRegex("state_name=\"([^\"]*)\"")]
    private static partial Regex StateName();
}
