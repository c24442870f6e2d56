using System.Diagnostics;
using MySqlConnector;
using Orleans.Saga.Bench.EndToEnd.Pipeline;
using Orleans.Saga.Bench.EndToEnd.Processes;
using Orleans.Saga.Bench.EndToEnd.Workload;
using Orleans.Saga.Partitions;

namespace Orleans.Saga.Bench.EndToEnd.Phases;

/// <summary>
/// Runs one silo over the pre-produced topic and measures it: the clock starts when the partition counters first show
/// a consumed record and stops when every record is consumed and every window's final rows are in MySQL. CPU time and
/// memory come from <c>/proc</c>. Then the rows are compared with a from-scratch recomputation.
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

        await using var silo = SiloProcess.Start(options, settings, Path.Combine(options.WorkDirectory, $"silo-{name}.log"));
        await using var sampler = new ResourceSampler(silo.Pid, TimeSpan.FromMilliseconds(250));
        await using var probe = await ClusterProbe.ConnectAsync(silo, settings, TimeSpan.FromMinutes(2), cancellationToken);

        var started = Stopwatch.GetTimestamp();
        long? t0 = null, tConsumed = null, tFinal = null, settledSince = null;
        long consumedAtStart = 0;
        ProcStat statAtStart = default;
        IReadOnlyDictionary<string, TimeSpan> othersAtStart = new Dictionary<string, TimeSpan>();
        long rssAtFifth = 0;
        var lastProgress = Stopwatch.GetTimestamp();
        var counters = new PipelineCounters();
        while (true)
        {
            SiloProcess.EnsureRunning(silo);
            if (Stopwatch.GetElapsedTime(started) > options.PipelineTimeout)
            {
                throw new TimeoutException($"{name}: not done within {options.PipelineTimeout}; see {silo.LogPath}");
            }

            var (polled, ok) = await TryAsync(() => probe.GetCountersAsync(options.Partitions), name, cancellationToken);
            if (!ok)
            {
                await Task.Delay(250, cancellationToken);
                continue;
            }

            counters = polled!;
            var now = Stopwatch.GetTimestamp();
            if (t0 is null && counters.Consumed > 0)
            {
                (t0, consumedAtStart, statAtStart, othersAtStart) = (now, counters.Consumed, ProcStat.Read(silo.Pid), ReadOthers());
            }

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
                progress.WriteLine($"  {name}: {counters.Consumed:N0} / {records:N0} consumed, {counters.Rejected:N0} rejected");
            }

            // Fine polling around the two instants that matter, coarse in between.
            var delay = t0 is null || tConsumed is not null ? 50 : 250;
            await Task.Delay(delay, cancellationToken);
        }

        var statAtEnd = ProcStat.Read(silo.Pid);
        var othersAtEnd = ReadOthers();
        var actualRows = await rows.ReadFinalRowsAsync(cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(t0!.Value, tFinal.Value).TotalSeconds;
        return new PipelineResult
        {
            Name = name,
            Records = records - consumedAtStart,
            Seconds = seconds,
            SecondsToConsume = Stopwatch.GetElapsedTime(t0.Value, tConsumed!.Value).TotalSeconds,
            CpuSeconds = (statAtEnd.CpuTime - statAtStart.CpuTime).TotalSeconds,
            PeakRssBytes = Math.Max(sampler.PeakRssBytes, statAtEnd.PeakRssBytes),
            RssAtFifth = rssAtFifth,
            RssAtEnd = statAtEnd.RssBytes,
            Counters = counters,
            ExpectedRows = expectedRows.Count,
            MissingRows = expectedRows.Count(r => !actualRows.Contains(r)),
            UnexpectedRows = actualRows.Count(r => !expectedRows.Contains(r)),
            OtherCpuSeconds = othersAtEnd.ToDictionary(o => o.Key, o => (o.Value - othersAtStart.GetValueOrDefault(o.Key)).TotalSeconds),
            Note = consumedAtStart > 0 ? $"{consumedAtStart:N0} records were consumed before the first poll saw any and are not timed" : null,
        };
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
