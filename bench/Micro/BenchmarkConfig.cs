using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace Orleans.Saga.Bench.Micro;

/// <summary>The configuration every benchmark of this assembly runs with.</summary>
public static class BenchmarkConfig
{
    /// <summary>
    /// BenchmarkDotNet's defaults with one short job, so that the whole suite runs in a few minutes on two cores:
    /// one launch, three warm-up and five measured iterations of about a quarter of a second each. Reports ns/op
    /// and bytes allocated per op, in declaration order.
    /// </summary>
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithId("short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(StatisticColumn.P95)
        .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared));
}
