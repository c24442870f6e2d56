using Orleans.Saga.Bench.EndToEnd.Pipeline;
using Orleans.Saga.Bench.EndToEnd.Processes;
using Orleans.Saga.Partitions;

namespace Orleans.Saga.Bench.EndToEnd.Phases;

/// <summary>What one silo run measured, from its first consumed record until the final rows of every window were stored.</summary>
public sealed record PipelineResult
{
    public required string Name { get; init; }

    /// <summary>Records in the topic, all consumed.</summary>
    public required long Records { get; init; }

    /// <summary>Silo process start to the last window's final rows in MySQL.</summary>
    public required double Seconds { get; init; }

    /// <summary>Silo process start to the last record consumed.</summary>
    public required double SecondsToConsume { get; init; }

    /// <summary>Records per second from 20 % to 80 % consumed: the running rate without start-up and tail.</summary>
    public required double SteadyEventsPerSecond { get; init; }

    /// <summary>The silo's CPU time (user + system) from its start to the end of the run.</summary>
    public required double CpuSeconds { get; init; }

    public required long PeakRssBytes { get; init; }

    /// <summary>Resident memory once a fifth of the records were consumed, and at the end.</summary>
    public required long RssAtFifth { get; init; }

    public required long RssAtEnd { get; init; }

    public required PipelineCounters Counters { get; init; }

    public required int ExpectedRows { get; init; }

    /// <summary>Expected final rows absent from MySQL, and final rows in MySQL that a recomputation does not give.</summary>
    public required int MissingRows { get; init; }

    public required int UnexpectedRows { get; init; }

    /// <summary>CPU seconds other processes (MariaDB, the broker, the benchmark) spent in the same interval.</summary>
    public required IReadOnlyDictionary<string, double> OtherCpuSeconds { get; init; }

    /// <summary>The priority the benchmark observed the run at, and why (<see cref="ObserverPriority"/>).</summary>
    public required string ObservedAs { get; init; }

    /// <summary>The runtime's JIT and GC figures at the end of the run; null if its metrics endpoint did not answer.</summary>
    public SiloRuntimeMetrics? Runtime { get; init; }

    /// <summary>The checkpoints and grain-state writes at the end of the run; null if the metrics endpoint did not answer.</summary>
    public SiloStorageMetrics? Storage { get; init; }

    public double EventsPerSecond => Records / Seconds;

    public double CpuSecondsPerMillion => CpuSeconds / (Records / 1e6);

    public bool Exact => MissingRows == 0 && UnexpectedRows == 0;
}
