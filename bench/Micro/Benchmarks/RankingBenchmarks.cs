using BenchmarkDotNet.Attributes;
using Orleans.Saga.Bench.Micro.Data;
using Orleans.Saga.Domain.Ranking;

namespace Orleans.Saga.Bench.Micro.Benchmarks;

/// <summary>Ranking one (window, saga)'s counts into its top 5, as a ranking grain does at each flush and query.</summary>
public class RankingBenchmarks
{
    private Dictionary<string, long> _counts = [];

    [Params(30, 1_000)]
    public int Characters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        _counts = SyntheticNames.Create(Characters).ToDictionary(name => name, _ => (long)random.Next(1, 500), StringComparer.Ordinal);
    }

    [Benchmark(Description = "rank top 5")]
    public int Rank() => WindowRanker.Rank(_counts, 5).Count;
}
