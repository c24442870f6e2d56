using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

/// <summary>Watches the pipeline through its grains: partition progress, the stream watermark, windows, counters.</summary>
public sealed class PipelineProbe(IGrainFactory grains)
{
    private IWindowIndexGrain Index => grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);

    public async Task<PartitionStatus[]> PartitionsAsync() =>
        await Task.WhenAll(Enumerable.Range(0, EventScript.Partitions).Select(p => grains.GetGrain<IPartitionGrain>(p).GetStatus()));

    public Task<StreamStatus> StreamAsync() => Index.GetStreamStatus();

    public Task<IReadOnlyList<WindowInfo>> WindowsAsync() => Index.GetWindows(label: null, since: null);

    /// <summary>Sums the partitions' counters.</summary>
    public async Task<PipelineCounters> CountersAsync()
    {
        var total = new PipelineCounters();
        foreach (var partition in await PartitionsAsync())
        {
            total.Add(partition.Counters);
        }

        return total;
    }

    /// <summary>Until every partition has processed its records up to <paramref name="ends"/> (in memory, not yet durable).</summary>
    public Task WaitUntilProcessedAsync(long[] ends, TimeSpan timeout) =>
        WaitForPartitionsAsync(status => status.NextOffset >= ends[status.Partition], ends, timeout, "every partition processed its records");

    /// <summary>Until every partition has checkpointed exactly up to <paramref name="ends"/>.</summary>
    public Task WaitUntilCheckpointedAsync(long[] ends, TimeSpan timeout) =>
        WaitForPartitionsAsync(status => status.DurableNextOffset == ends[status.Partition], ends, timeout, "every partition checkpointed its records");

    /// <summary>Until every partition has sealed the stream through <paramref name="time"/>: later events before it are late.</summary>
    public async Task WaitUntilSealedThroughAsync(long time, TimeSpan timeout)
    {
        StreamStatus? last = null;
        await Polling.UntilAsync(
            async () =>
            {
                last = await StreamAsync();
                return last.Partitions.Count == EventScript.Partitions && last.Partitions.All(p => p.SealedThrough >= time);
            },
            timeout,
            $"every partition sealed through {time}",
            () => $"Sealed through: {(last is null ? "?" : string.Join(", ", last.Partitions.Select(p => $"{p.Partition}:{p.SealedThrough}")))}.");
    }

    /// <summary>
    /// Until everything is checkpointed, every partition is idle, the stream watermark has settled on the furthest
    /// partition's (all idle: it cannot move any more), and every window it passed is closed. Returns that watermark.
    /// </summary>
    public async Task<long> WaitUntilSettledAsync(long[] ends, TimeSpan timeout)
    {
        string state = "nothing read yet";
        StreamStatus? stream = null;
        await Polling.UntilAsync(
            async () =>
            {
                var partitions = await PartitionsAsync();
                stream = await StreamAsync();
                var windows = await WindowsAsync();
                var watermark = stream.StreamWatermark;
                var unclosed = windows.Count(w => !w.IsFinal && w.End <= watermark);
                state = $"Durable offsets {string.Join(",", partitions.Select(p => p.DurableNextOffset))} of {string.Join(",", ends)}; "
                    + $"stream watermark {watermark}; partitions {string.Join(", ", stream.Partitions.Select(p => $"{p.Partition}: watermark {p.Watermark} sealed {p.SealedThrough} idle {p.IsIdle}"))}; "
                    + $"{unclosed} passed windows not final.";
                return partitions.All(p => p.DurableNextOffset == ends[p.Partition])
                    && stream.Partitions.Count == EventScript.Partitions
                    && stream.Partitions.All(p => p.IsIdle && p.SealedThrough == watermark)
                    && watermark == stream.Partitions.Max(p => p.Watermark)
                    && unclosed == 0
                    && windows.All(w => w.IsFinal == (w.End <= watermark));
            },
            timeout,
            "the pipeline settled: everything checkpointed, every partition idle, every passed window closed",
            () => state);
        return stream!.StreamWatermark;
    }

    private async Task WaitForPartitionsAsync(Func<PartitionStatus, bool> done, long[] ends, TimeSpan timeout, string what)
    {
        PartitionStatus[]? last = null;
        await Polling.UntilAsync(
            async () =>
            {
                last = await PartitionsAsync();
                return last.All(done);
            },
            timeout,
            what,
            () => last is null
                ? "No partition status read."
                : $"Ends {string.Join(",", ends)}; processed {string.Join(",", last.Select(p => p.NextOffset))}; durable {string.Join(",", last.Select(p => p.DurableNextOffset))}.");
    }
}
