using System.Diagnostics;
using MySqlConnector;
using Orleans.Saga.Bench.EndToEnd.Pipeline;
using Orleans.Saga.Bench.EndToEnd.Processes;
using Orleans.Saga.Bench.EndToEnd.Workload;
using Orleans.Saga.Partitions;

namespace Orleans.Saga.Bench.EndToEnd.Phases;

/// <summary>
/// Runs one silo over the pre-produced topic and measures it: the clock starts with the silo's process and stops when
/// every record is consumed and every window's final rows are in MySQL. CPU time and
/// memory come from <c>/proc</c>. Then the rows are compared with a from-scratch recomputation. The benchmark itself
/// observes an embedded-classifier run at the lowest priority, so its polling takes only CPU the silo, the broker and
/// MariaDB leave idle.
/// </summary>
public sealed class PipelinePhase(BenchOptions options, int records, ExpectedRows expected, TextWriter progress)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);

    public async Task<PipelineResult> RunAsync(string name, SiloSettings settings, CancellationToken cancellationToken)
    {
        var rows = new RowReader(options.MySql);
        await rows.DeleteAllAsync(cancellationToken);
        var expectedRows = expected.Rows();

        // The clock and the CPU time start with the process: a cold start is part of the cost, as the limit's is.
        var othersAtStart = ReadOthers();
        var machineAtStart = ProcStat.MachineBusyTime();
        var started = Stopwatch.GetTimestamp();
        await using var silo = SiloProcess.Start(options, settings, Path.Combine(options.WorkDirectory, $"silo-{name}.log"));

        // Only once the silo has started, which would otherwise inherit the priority of the thread that forked it; and
        // not while this process serves the HTTP classifier, which is part of what the run measures.
        using var observer = settings.ClassifierUrl is null ? ObserverPriority.TryLower() : null;
        var observedAs = observer is not null ? "at nice 19"
            : settings.ClassifierUrl is not null ? "at normal priority (it serves the HTTP classifier)"
            : "at normal priority (not root)";
        await using var sampler = new ResourceSampler(silo.Pid, TimeSpan.FromMilliseconds(250));
        await using var probe = await ClusterProbe.ConnectAsync(silo, settings, TimeSpan.FromMinutes(2), cancellationToken);

        long? tConsumed = null, tFinal = null, settledSince = null;
        var progressPoints = new List<(long Timestamp, long Consumed)>();
        long rssAtFifth = 0;
        var lastProgress = Stopwatch.GetTimestamp();
        var counters = new PipelineCounters();
        using var timeline = new PipelineTimeline(Path.Combine(options.WorkDirectory, $"timeline-{name}.csv"), options.Partitions);
        while (true)
        {
            SiloProcess.EnsureRunning(silo);
            if (Stopwatch.GetElapsedTime(started) > options.PipelineTimeout)
            {
                throw new TimeoutException($"{name}: not done within {options.PipelineTimeout}; see {silo.LogPath}");
            }

            var (partitions, ok) = await TryAsync(() => probe.GetPartitionsAsync(options.Partitions), name, cancellationToken);
            if (!ok)
            {
                await Task.Delay(250, cancellationToken);
                continue;
            }

            counters = Sum(partitions!);
            var now = Stopwatch.GetTimestamp();
            var siloCpu = ProcStat.TryRead(silo.Pid, out var siloStat) ? siloStat.CpuTime : TimeSpan.Zero;
            timeline.Add(Stopwatch.GetElapsedTime(started, now).TotalSeconds, partitions!, siloCpu, ProcStat.MachineBusyTime() - machineAtStart);
            progressPoints.Add((now, counters.Consumed));

            if (rssAtFifth == 0 && counters.Consumed >= records / 5)
            {
                rssAtFifth = ProcStat.Read(silo.Pid).RssBytes;
            }

            if (tConsumed is null && counters.Consumed >= records)
            {
                tConsumed = now;
            }

            if (tConsumed is not null && await TryAsync(() => rows.CountFinalWindowsAsync(cancellationToken), name, cancellationToken) is (var finalWindows, true))
            {
                if (finalWindows >= expected.Windows)
                {
                    tFinal = Stopwatch.GetTimestamp();
                    break;
                }

                // A pipeline that lost whole windows never reaches the expected count: once the index has nothing
                // open and the rows of everything it closed are stored, for long enough to rule out a report still
                // on its way, it is done (and the comparison below shows what is missing).
                if (await TryAsync(() => NothingOpenAsync(probe, finalWindows), name, cancellationToken) is (true, true))
                {
                    settledSince ??= Stopwatch.GetTimestamp();
                    if (Stopwatch.GetElapsedTime(settledSince.Value) > SettleTime)
                    {
                        tFinal = settledSince;
                        break;
                    }
                }
                else
                {
                    settledSince = null;
                }
            }

            if (Stopwatch.GetElapsedTime(lastProgress) > ProgressEvery)
            {
                lastProgress = Stopwatch.GetTimestamp();
                var reasons = string.Join(", ", counters.RejectedByReason.Select(r => $"{r.Key} {r.Value:N0}"));
                progress.WriteLine($"  {name}: {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s ({DateTime.UtcNow:HH:mm:ss}), {counters.Consumed:N0} / {records:N0} consumed, "
                    + $"{counters.Rejected:N0} rejected{(reasons.Length > 0 ? $" ({reasons})" : "")}");
            }

            // Fine polling once everything is consumed, to catch the moment the last rows land.
            await Task.Delay(tConsumed is null ? 250 : 50, cancellationToken);
        }

        var statAtEnd = ProcStat.Read(silo.Pid);
        var othersAtEnd = ReadOthers();
        var metrics = await PrometheusSample.TryReadAsync(settings, cancellationToken);
        var actualRows = await rows.ReadFinalRowsAsync(cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started, tFinal!.Value).TotalSeconds;
        return new PipelineResult
        {
            Name = name,
            Records = records,
            Seconds = seconds,
            SecondsToConsume = Stopwatch.GetElapsedTime(started, tConsumed!.Value).TotalSeconds,
            SteadyEventsPerSecond = SteadyRate(progressPoints, records),
            CpuSeconds = statAtEnd.CpuTime.TotalSeconds,
            PeakRssBytes = Math.Max(sampler.PeakRssBytes, statAtEnd.PeakRssBytes),
            RssAtFifth = rssAtFifth,
            RssAtEnd = statAtEnd.RssBytes,
            Counters = counters,
            ExpectedRows = expectedRows.Count,
            MissingRows = expectedRows.Count(r => !actualRows.Contains(r)),
            UnexpectedRows = actualRows.Count(r => !expectedRows.Contains(r)),
            Runtime = metrics is null ? null : SiloRuntimeMetrics.From(metrics),
            Storage = metrics is null ? null : SiloStorageMetrics.From(metrics),
            ObservedAs = observedAs,
            OtherCpuSeconds = othersAtEnd.ToDictionary(o => o.Key, o => (o.Value - othersAtStart.GetValueOrDefault(o.Key)).TotalSeconds),
        };
    }

    private static PipelineCounters Sum(IEnumerable<PartitionStatus> partitions)
    {
        var total = new PipelineCounters();
        foreach (var partition in partitions)
        {
            total.Add(partition.Counters);
        }

        return total;
    }

    /// <summary>
    /// Records per second between 20 % and 80 % of the records consumed (or from the first poll, if the client
    /// connected later): the rate once started and before the tail, apart from start-up and closing windows.
    /// </summary>
    private static double SteadyRate(List<(long Timestamp, long Consumed)> points, long records)
    {
        var from = points.FirstOrDefault(p => p.Consumed >= records / 5);
        if (from == default || points[0].Consumed > records / 5)
        {
            from = points[0];
        }

        // Under two seconds apart, two polls say more about the polling than about the rate.
        var to = points.FirstOrDefault(p => p.Consumed >= records * 4 / 5);
        var seconds = to == default ? 0 : Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
        return seconds < 2 ? double.NaN : (to.Consumed - from.Consumed) / seconds;
    }

    /// <summary>
    /// A status query, or (default, false) when it failed: a grain activation or a database connection can time out
    /// while the silo is saturated, and the benchmark must outlast that rather than abort the run.
    /// </summary>
    private async Task<(T? Value, bool Ok)> TryAsync<T>(Func<Task<T>> query, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await query(), true);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or MySqlException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine($"  {name}: status query failed ({exception.GetType().Name}: {exception.Message}); retrying");
            return (default, false);
        }
    }

    /// <summary>The index has no open window, and every window it closed has its final rows in MySQL.</summary>
    private static async Task<bool> NothingOpenAsync(ClusterProbe probe, int finalWindowsInMySql)
    {
        var status = await probe.GetStreamStatusAsync();
        return status.OpenWindows == 0 && finalWindowsInMySql >= status.FinalWindows;
    }

    private IReadOnlyDictionary<string, TimeSpan> ReadOthers() => options.WatchedProcesses
        .Select(p => (p.Key, Ok: ProcStat.TryRead(p.Value, out var stat), stat.CpuTime))
        .Where(p => p.Ok)
        .ToDictionary(p => p.Key, p => p.CpuTime);
}
