using System.Diagnostics;

namespace Orleans.Saga.Bench.EndToEnd.Processes;

/// <summary>Samples one process's CPU time and memory every <c>interval</c> until disposed.</summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly List<ResourceSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ResourceSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        _loop = Task.Run(() => LoopAsync(interval));
    }

    public IReadOnlyList<ResourceSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>The largest resident set seen by any sample, or by the kernel's own high-water mark.</summary>
    public long PeakRssBytes
    {
        get
        {
            var samples = Samples;
            return samples.Count == 0 ? 0 : samples.Max(s => Math.Max(s.Stat.RssBytes, s.Stat.PeakRssBytes));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            if (!ProcStat.TryRead(_pid, out var stat))
            {
                return;
            }

            lock (_samples)
            {
                _samples.Add(new ResourceSample(Stopwatch.GetTimestamp(), stat));
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>One reading: a <see cref="Stopwatch"/> timestamp and the process's figures then.</summary>
public readonly record struct ResourceSample(long Timestamp, ProcStat Stat);
