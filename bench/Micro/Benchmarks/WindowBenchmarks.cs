using BenchmarkDotNet.Attributes;
using Orleans.Saga.Domain.Windows;

namespace Orleans.Saga.Bench.Micro.Benchmarks;

/// <summary>Assigning an event time to its tumbling window, and deciding whether it is on time, late or future.</summary>
public class WindowBenchmarks
{
    private const long Size = 300;
    private const long Now = 1_795_470_000;
    private readonly long[] _times = new long[1024];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        for (var i = 0; i < _times.Length; i++)
        {
            _times[i] = Now - random.Next(0, 4 * 3600);
        }
    }

    [Benchmark(Description = "window assignment", OperationsPerInvoke = 1024)]
    public long Assign()
    {
        long sum = 0;
        foreach (var time in _times)
        {
            sum += TimeWindow.Containing(time, Size).Start;
        }

        return sum;
    }

    [Benchmark(Description = "event-time policy", OperationsPerInvoke = 1024)]
    public int Classify()
    {
        var onTime = 0;
        foreach (var time in _times)
        {
            onTime += EventTimePolicy.Classify(time, Size, Now - 3600, Now, 3600) == EventTiming.OnTime ? 1 : 0;
        }

        return onTime;
    }
}
