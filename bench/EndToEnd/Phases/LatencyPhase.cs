using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Orleans.Saga.Bench.EndToEnd.Pipeline;
using Orleans.Saga.Bench.EndToEnd.Workload;
using Orleans.Saga.Domain.Windows;

namespace Orleans.Saga.Bench.EndToEnd.Phases;

/// <summary>
/// Produces live events (event time = now) at a steady offered rate and measures, for each, the time from its
/// produce call until its count shows in the leaders query. Exact per record: every event of partition p mentions
/// one character c(p) and nothing else, so c(p)'s count, summed over the live windows, is the number of p's events
/// that are visible; a partition is processed in order, so they are its first ones.
/// </summary>
public sealed class LatencyPhase(BenchOptions options, TextLabeler labeler, TextWriter progress)
{
    private const int AllCharacters = 10_000;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);
    private const int SliceSeconds = 5;

    public async Task<LatencyResult> RunAsync(ClusterProbe probe, double ratePerSecond, CancellationToken cancellationToken)
    {
        var probes = ProbeTexts();
        var partitions = options.Partitions;
        var capacity = (int)(ratePerSecond * options.LatencyDuration.TotalSeconds / partitions) + 1024;
        var producedAt = new long[partitions][];
        for (var p = 0; p < partitions; p++)
        {
            producedAt[p] = new long[capacity];
        }

        var producedCount = new int[partitions];
        var windows = new ConcurrentDictionary<long, bool>();
        var started = Stopwatch.GetTimestamp();
        var producing = Task.Factory.StartNew(
            () => Produce(probes, ratePerSecond, producedAt, producedCount, windows, cancellationToken),
            TaskCreationOptions.LongRunning);

        var visible = new int[partitions];
        var latencies = new List<double>();
        var bySlice = new SortedDictionary<int, List<double>>();
        var labels = probes.Select(t => t.Label!).Distinct(StringComparer.Ordinal).ToArray();
        var warmupEnd = started + (long)(Warmup.TotalSeconds * Stopwatch.Frequency);
        long? drainStarted = null;
        while (true)
        {
            Dictionary<string, long> polled;
            try
            {
                polled = await PollAsync(probe, windows.Keys.ToArray(), labels);
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException or OperationCanceledException
                && !cancellationToken.IsCancellationRequested)
            {
                // A slow activation under load: the next poll tries again, and its time is what counts.
                progress.WriteLine($"  latency: leaders query failed ({exception.GetType().Name}); retrying");
                await Task.Delay(PollInterval, cancellationToken);
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            for (var p = 0; p < partitions; p++)
            {
                var count = (int)Math.Min(polled.GetValueOrDefault(probes[p].Characters[0]), Volatile.Read(ref producedCount[p]));
                for (var k = visible[p]; k < count; k++)
                {
                    if (producedAt[p][k] >= warmupEnd)
                    {
                        var latency = Stopwatch.GetElapsedTime(producedAt[p][k], now).TotalMilliseconds;
                        latencies.Add(latency);
                        var slice = (int)(Stopwatch.GetElapsedTime(started, producedAt[p][k]).TotalSeconds / SliceSeconds);
                        (bySlice.TryGetValue(slice, out var sliced) ? sliced : bySlice[slice] = []).Add(latency);
                    }
                }

                visible[p] = Math.Max(visible[p], count);
            }

            if (producing.IsCompleted)
            {
                await producing;
                drainStarted ??= now;
                var allVisible = Enumerable.Range(0, partitions).All(p => visible[p] >= producedCount[p]);
                if (allVisible || Stopwatch.GetElapsedTime(drainStarted.Value) > DrainTimeout)
                {
                    break;
                }
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        var produced = producedCount.Sum(c => (long)c);
        latencies.Sort();
        progress.WriteLine($"  latency: {produced:N0} produced, {latencies.Count:N0} measured after a {Warmup.TotalSeconds:0} s warm-up");

        // Over time, by when the events were produced: a stall shows as one slice's tail, a floor as every slice's.
        foreach (var (slice, sliced) in bySlice)
        {
            sliced.Sort();
            progress.WriteLine($"  latency, produced {slice * SliceSeconds}–{(slice + 1) * SliceSeconds} s: p50 {Percentile(sliced, 0.50):N0} ms, p99 {Percentile(sliced, 0.99):N0} ms, max {sliced[^1]:N0} ms");
        }

        return new LatencyResult(
            ratePerSecond,
            produced / options.LatencyDuration.TotalSeconds,
            produced,
            latencies.Count,
            produced - visible.Sum(v => (long)v),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            latencies.Count == 0 ? double.NaN : latencies[^1],
            PollInterval.TotalMilliseconds);
    }

    /// <summary>One text per partition mentioning exactly one character, each partition its own character.</summary>
    private LabelledText[] ProbeTexts()
    {
        var texts = labeler.Catalog.Characters
            .Where(c => c.Saga is not null)
            .Select(c => labeler.Label($"{c.Name} live again tonight"))
            .Where(t => t.Characters.Length == 1 && t.Label is not null)
            .Take(options.Partitions)
            .ToArray();
        return texts.Length == options.Partitions
            ? texts
            : throw new InvalidOperationException($"the characters file has {texts.Length} characters that can be mentioned alone; {options.Partitions} are needed");
    }

    private void Produce(LabelledText[] probes, double rate, long[][] producedAt, int[] producedCount, ConcurrentDictionary<long, bool> windows, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            // Batches of a few records per partition saturated the dev broker (librdkafka's single-threaded mock, whose
            // fetches slow down as a partition's log holds more batches): latency then grew by seconds over a run
            // whatever the silo did. 100 ms lingering keeps the broker below saturation; it counts in the latency.
            LingerMs = 100,
            EnableIdempotence = false,
            Acks = Acks.All,
        }).Build();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        var partitions = probes.Length;
        var capacity = producedAt[0].Length;
        var started = Stopwatch.GetTimestamp();
        var sent = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= options.LatencyDuration)
            {
                break;
            }

            var due = (long)(elapsed.TotalSeconds * rate);
            var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            windows.TryAdd(TimeWindow.Containing(time, 300).Start, true);
            for (; sent < due; sent++)
            {
                var p = (int)(sent % partitions);
                var k = producedCount[p];
                if (k == capacity)
                {
                    continue;
                }

                var value = EventWorkload.Json(buffer, $"live-{sent}", time, 1, probes[p].Text);
                producedAt[p][k] = Stopwatch.GetTimestamp();
                ProduceWaitingForRoom(producer, new TopicPartition(options.LiveTopic, new Partition(p)), value);
                Volatile.Write(ref producedCount[p], k + 1);
            }

            Thread.Sleep(Tick);
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    /// <summary>Produces, waiting while the producer's queue is full: the wait counts in the event's latency.</summary>
    private static void ProduceWaitingForRoom(IProducer<Null, byte[]> producer, TopicPartition partition, byte[] value)
    {
        while (true)
        {
            try
            {
                producer.Produce(partition, new Message<Null, byte[]> { Value = value });
                return;
            }
            catch (ProduceException<Null, byte[]> exception) when (exception.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    /// <summary>Every character's count in the live windows of the probe sagas, summed over the windows.</summary>
    private static async Task<Dictionary<string, long>> PollAsync(ClusterProbe probe, long[] windows, string[] labels)
    {
        var leaders = await Task.WhenAll(windows.SelectMany(w => labels.Select(l => probe.GetLeadersAsync(w, l, AllCharacters))));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var board in leaders)
        {
            foreach (var leader in board.Leaders)
            {
                counts[leader.Character] = counts.GetValueOrDefault(leader.Character) + leader.Count;
            }
        }

        return counts;
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}
