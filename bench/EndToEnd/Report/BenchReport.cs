using Orleans.Saga.Bench.EndToEnd.Classifier;
using Orleans.Saga.Bench.EndToEnd.Kafka;
using Orleans.Saga.Bench.EndToEnd.Phases;

namespace Orleans.Saga.Bench.EndToEnd.Report;

/// <summary>Everything one run measured; printed as a Markdown table and notes, ready for docs/BENCHMARKS.md.</summary>
public sealed class BenchReport
{
    private const double MiB = 1024 * 1024;

    public required BenchOptions Options { get; init; }

    public required LoadResult Load { get; init; }

    /// <summary>Every run of the limit consumer over the same topic, in the order they ran.</summary>
    public required IReadOnlyList<LimitResult> LimitRuns { get; init; }

    /// <summary>The median run by rate: the ratio's denominator (with an even count, the slower of the middle two).</summary>
    public LimitResult Limit => Median(LimitRuns, l => l.Records / l.Seconds);

    /// <summary>Every run of the silo with the embedded classifier, in the order they ran.</summary>
    public List<PipelineResult> EmbeddedRuns { get; } = [];

    /// <summary>The median embedded run by rate, shown in the table (with an even count, the slower of the middle two).</summary>
    public PipelineResult? Embedded => EmbeddedRuns.Count == 0 ? null : Median(EmbeddedRuns, r => r.EventsPerSecond);

    public PipelineResult? Http { get; set; }

    public LatencyResult? Latency { get; set; }

    public ClassifierServiceStats? Classifier { get; set; }

    /// <summary>The load average when the run started; the one at its end is read when the report is written.</summary>
    public required string LoadAtStart { get; init; }

    public void Write(TextWriter output)
    {
        var o = Options;
        output.WriteLine();
        output.WriteLine($"machine: {MachineInfo.Describe()}; load average {LoadAtStart} at the start, {MachineInfo.LoadAverage()} at the end");
        output.WriteLine($"workload: {o.Events:N0} events (+{o.Partitions} end markers) in {o.Partitions} partitions, {Load.Bytes / MiB:0} MiB of JSON "
            + $"(zstd), {o.DistinctTexts:N0} distinct texts, {o.EventTimeSpan.TotalHours:0} h of event time; produced in {Load.Elapsed.TotalSeconds:0.0} s "
            + $"({Load.Records / Load.Elapsed.TotalSeconds:N0}/s); watermarks checked: every record on the broker");
        output.WriteLine();
        output.WriteLine("| run | events/s | pipeline / limit | process start → done, s | CPU s / M events | peak RSS | MariaDB CPU s / M | broker CPU s / M | benchmark CPU s / M |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var limitRate = Limit.Records / Limit.Seconds;
        output.WriteLine($"| limit: Confluent consumer + JSON parse{(LimitRuns.Count > 1 ? $", median of {LimitRuns.Count} runs" : "")} | {limitRate:N0} | 1.00 | {Limit.Seconds:0.0} | "
            + $"{Limit.CpuSeconds / (Limit.Records / 1e6):0.0} | {Limit.PeakRssBytes / MiB:0} MiB | – | – | – |");
        foreach (var (run, label) in TableRuns())
        {
            output.WriteLine($"| pipeline: silo, {label} | {run.EventsPerSecond:N0} | {run.EventsPerSecond / limitRate:0.00} | "
                + $"{run.Seconds:0.0} | {run.CpuSecondsPerMillion:0.0} | {run.PeakRssBytes / MiB:0} MiB | "
                + $"{Other(run, "mariadb")} | {Other(run, "broker")} | {Other(run, "bench")} |");
        }

        output.WriteLine();
        if (LimitRuns.Count > 1)
        {
            var best = LimitRuns.Max(l => l.Records / l.Seconds);
            output.WriteLine($"- limit runs: {string.Join(", ", LimitRuns.Select(l => $"{l.Records / l.Seconds:N0}"))} events/s; "
                + string.Join(", ", TableRuns().Select(p => $"{p.Run.Name} against the fastest: {p.Run.EventsPerSecond / best:0.00}")));
        }

        if (EmbeddedRuns.Count > 1)
        {
            output.WriteLine($"- embedded runs: {string.Join(", ", EmbeddedRuns.Select(r => $"{r.EventsPerSecond:N0}"))} events/s, "
                + $"pipeline / limit {string.Join(", ", EmbeddedRuns.Select(r => $"{r.EventsPerSecond / limitRate:0.00}"))}; the table shows the median run ({Embedded!.Name})");
        }

        foreach (var run in EmbeddedRuns.Append(Http).OfType<PipelineResult>())
        {
            var c = run.Counters;
            output.WriteLine($"- {run.Name}: consumed {c.Consumed:N0}, counted {c.Counted:N0}, consume rate from 20 to 80 % {(double.IsNaN(run.SteadyEventsPerSecond) ? "not measurable (too few polls)" : $"{run.SteadyEventsPerSecond:N0}/s")}; rejected {c.Rejected:N0} ({(c.Rejected == 0 ? "none" : string.Join(", ", c.RejectedByReason.Select(r => $"{r.Key} {r.Value:N0}")))}), "
                + $"duplicates {c.Duplicates:N0}; all consumed after {run.SecondsToConsume:0.0} s, final rows after {run.Seconds:0.0} s; "
                + $"final rows {(run.Exact ? "exact" : "NOT exact")} ({run.ExpectedRows:N0} expected, {run.MissingRows:N0} missing, {run.UnexpectedRows:N0} unexpected); "
                + $"RSS after 1/5 of the events {run.RssAtFifth / MiB:0} MiB, at the end {run.RssAtEnd / MiB:0} MiB "
                + $"(×{(double)run.RssAtEnd / Math.Max(1, run.RssAtFifth):0.00}); "
                + (run.Runtime is { } r
                    ? $"runtime: JIT {r.JitSeconds:0.0} s for {r.JittedMethods:N0} methods, GC pauses {r.GcPauseSeconds:0.00} s, {r.Gen2Collections} gen 2 collections, {r.AllocatedBytes / (double)run.Records:N0} bytes allocated per event"
                    : "runtime metrics not read")
                + (run.Storage is { } st
                    ? $"; {st.Checkpoints:N0} partition checkpoints of {st.CheckpointMeanMs:N0} ms on average, grain-state writes: "
                        + string.Join(", ", st.StateWrites.Select(w => $"{w.State} {w.Writes:N0} ({w.MeanMs:N0} ms)"))
                    : "")
                + $"; the benchmark observed {run.ObservedAs}");
        }

        if (Latency is { } l)
        {
            output.WriteLine($"- latency, produce → visible in the leaders query, at {l.OfferedPerSecond:N0} events/s offered (half the embedded pipeline's rate; "
                + $"{l.AchievedPerSecond:N0}/s achieved), {l.Measured:N0} events measured after a 5 s warm-up, polled every {l.PollIntervalMs:0} ms: "
                + $"p50 {l.P50Ms:N0} ms, p99 {l.P99Ms:N0} ms, max {l.MaxMs:N0} ms; never visible: {l.NeverVisible:N0}");
        }

        if (Classifier is { } s)
        {
            output.WriteLine($"- HTTP classifier service: {s.Requests:N0} requests for {s.DistinctTexts:N0} distinct texts; "
                + $"at most {s.MaxInFlightPerText} in flight for one text, {s.MaxInFlight} in flight overall");
        }

        WriteTargets(output, limitRate);
    }

    private void WriteTargets(TextWriter output, double limitRate)
    {
        output.WriteLine();
        output.WriteLine("targets:");
        var embedded = Embedded;
        var http = Http;
        if (embedded is not null)
        {
            Target(output, "pipeline / limit ≥ 0.5", embedded.EventsPerSecond / limitRate >= 0.5, $"{embedded.EventsPerSecond / limitRate:0.00}"
                + (EmbeddedRuns.Count > 1 ? $" (median of {EmbeddedRuns.Count} runs)" : ""));
            var inexact = EmbeddedRuns.Where(r => !r.Exact).ToList();
            Target(output, "final rows equal a recomputation", inexact.Count == 0, inexact.Count == 0
                ? (EmbeddedRuns.Count > 1 ? $"exact in all {EmbeddedRuns.Count} runs" : "exact")
                : string.Join("; ", inexact.Select(r => $"{r.Name}: {r.MissingRows} missing, {r.UnexpectedRows} unexpected")));
            var ratio = (double)embedded.RssAtEnd / Math.Max(1, embedded.RssAtFifth);
            Target(output, "RSS at the end ≤ 1.5 × RSS after 1/5 of the events", ratio <= 1.5, $"×{ratio:0.00}"
                + (Options.Events < 5_000_000 ? $" (the target is stated for 5 M events; this run had {Options.Events:N0})" : ""));
        }

        if (Latency is { } latency)
        {
            Target(output, "p99 produce → visible < 1 s at half load", latency.P99Ms < 1000, $"{latency.P99Ms:N0} ms");
        }

        if (http is not null && embedded is not null)
        {
            Target(output, "HTTP classifier throughput within 2× of embedded", http.EventsPerSecond * 2 >= embedded.EventsPerSecond,
                $"{embedded.EventsPerSecond / http.EventsPerSecond:0.00}× slower");
        }

        if (Classifier is { } s)
        {
            Target(output, "≤ 1 request in flight per distinct text", s.MaxInFlightPerText <= 1, $"max {s.MaxInFlightPerText}");
        }
    }

    /// <summary>The runs the table shows: the median embedded run and the HTTP-classifier run.</summary>
    private IEnumerable<(PipelineResult Run, string Label)> TableRuns()
    {
        if (Embedded is { } embedded)
        {
            yield return (embedded, "embedded classifier" + (EmbeddedRuns.Count > 1 ? $", median of {EmbeddedRuns.Count} runs" : ""));
        }

        if (Http is { } http)
        {
            yield return (http, "http classifier");
        }
    }

    /// <summary>The median of <paramref name="runs"/> by <paramref name="rate"/>; with an even count, the slower of the middle two.</summary>
    private static T Median<T>(IReadOnlyList<T> runs, Func<T, double> rate) => runs.OrderBy(rate).ElementAt((runs.Count - 1) / 2);

    private static void Target(TextWriter output, string target, bool met, string measured) =>
        output.WriteLine($"- [{(met ? "met" : "MISSED")}] {target}: {measured}");

    private static string Other(PipelineResult run, string name) =>
        run.OtherCpuSeconds.TryGetValue(name, out var seconds) ? $"{seconds / (run.Records / 1e6):0.0}" : "–";
}
