using System.Globalization;

namespace Orleans.Saga.Bench.EndToEnd;

/// <summary>What one benchmark run measures and where its servers are; from <c>--name value</c> arguments.</summary>
public sealed class BenchOptions
{
    /// <summary>The dev broker (or any Kafka) that holds <see cref="Topic"/>.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>The MySQL database the silo keeps its state and rows in; the benchmark reads the rows back.</summary>
    public required string MySql { get; init; }

    /// <summary>The silo to run: its published executable, or <c>Orleans.Saga.Silo.dll</c> of a Release build.</summary>
    public required string SiloPath { get; init; }

    /// <summary>Where the silo and limit logs go.</summary>
    public required string WorkDirectory { get; init; }

    public string Topic { get; init; } = "bench";

    /// <summary>An empty topic with as many partitions, for the latency run's live events.</summary>
    public string LiveTopic { get; init; } = "bench-live";

    public string DeadLetterTopic { get; init; } = "bench-dlq";

    public int Partitions { get; init; } = 64;

    /// <summary>Events pre-produced for the throughput runs (end-of-data markers come on top).</summary>
    public int Events { get; init; } = 1_000_000;

    /// <summary>Distinct texts the events draw from (popular ones repeat, as reposts do).</summary>
    public int DistinctTexts { get; init; } = 50_000;

    /// <summary>Event time the pre-produced events span, ending <see cref="DataEndsAgo"/> before the run.</summary>
    public TimeSpan EventTimeSpan { get; init; } = TimeSpan.FromHours(3);

    public TimeSpan DataEndsAgo { get; init; } = TimeSpan.FromMinutes(20);

    public TimeSpan LatencyDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times the limit consumer reads the topic. Its rate moved by up to 2× between runs on the same data (the
    /// dev broker is a single-threaded mock sharing two cores), so the ratio is taken against the median run.
    /// </summary>
    public int LimitRuns { get; init; } = 3;

    /// <summary>
    /// How many times a fresh silo with the embedded classifier consumes the topic. Its rate moves as much as the limit's
    /// between runs minutes apart, so the table shows the median run, as it does the limit's.
    /// </summary>
    public int PipelineRuns { get; init; } = 3;

    /// <summary>How long a pipeline run may take before it is reported as failed.</summary>
    public TimeSpan PipelineTimeout { get; init; } = TimeSpan.FromMinutes(20);

    public bool RunEmbedded { get; init; } = true;

    public bool RunHttp { get; init; }

    /// <summary>Other processes whose CPU time the table reports per run (MariaDB, the broker, the benchmark itself).</summary>
    public IReadOnlyDictionary<string, int> WatchedProcesses { get; init; } = new Dictionary<string, int>();

    public int Seed { get; init; } = 1;

    public static BenchOptions Parse(IReadOnlyDictionary<string, string> args)
    {
        string Required(string name) => args.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"--{name} is required");

        var classifier = args.GetValueOrDefault("classifier", "embedded");
        if (classifier is not ("embedded" or "http" or "both"))
        {
            throw new ArgumentException("--classifier must be embedded, http or both");
        }

        // The benchmark shares the cores too: its status polls and its Orleans client's start are part of the run.
        var watched = new Dictionary<string, int>(StringComparer.Ordinal) { ["bench"] = Environment.ProcessId };
        foreach (var name in new[] { "mariadb", "broker" })
        {
            if (args.TryGetValue($"{name}-pid", out var pid))
            {
                watched[name] = int.Parse(pid, CultureInfo.InvariantCulture);
            }
        }

        return new BenchOptions
        {
            BootstrapServers = Required("bootstrap"),
            MySql = Required("mysql"),
            SiloPath = Required("silo"),
            WorkDirectory = Required("work-dir"),
            Topic = args.GetValueOrDefault("topic", "bench"),
            LiveTopic = args.GetValueOrDefault("live-topic", "bench-live"),
            DeadLetterTopic = args.GetValueOrDefault("dlq-topic", "bench-dlq"),
            Partitions = Int(args, "partitions", 64),
            Events = Int(args, "events", 1_000_000),
            DistinctTexts = Int(args, "texts", 50_000),
            EventTimeSpan = TimeSpan.FromHours(Int(args, "hours", 3)),
            LatencyDuration = TimeSpan.FromSeconds(Int(args, "latency-seconds", 30)),
            LimitRuns = Math.Max(1, Int(args, "limit-runs", 3)),
            PipelineRuns = Int(args, "pipeline-runs", 3),
            PipelineTimeout = TimeSpan.FromMinutes(Int(args, "timeout-minutes", 20)),
            RunEmbedded = classifier is "embedded" or "both",
            RunHttp = classifier is "http" or "both",
            WatchedProcesses = watched,
            Seed = Int(args, "seed", 1),
        };
    }

    internal static int Int(IReadOnlyDictionary<string, string> args, string name, int fallback)
    {
        if (!args.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} must be a positive integer, not '{text}'");
    }
}
