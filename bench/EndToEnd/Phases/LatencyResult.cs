namespace Orleans.Saga.Bench.EndToEnd.Phases;

/// <summary>Produce-to-visible latency at a paced offered rate, in milliseconds, warm-up excluded.</summary>
public sealed record LatencyResult(
    double OfferedPerSecond,
    double AchievedPerSecond,
    long Produced,
    long Measured,
    long NeverVisible,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    double PollIntervalMs);
