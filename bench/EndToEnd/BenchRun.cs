using Orleans.Saga.Bench.EndToEnd.Classifier;
using Orleans.Saga.Bench.EndToEnd.Kafka;
using Orleans.Saga.Bench.EndToEnd.Phases;
using Orleans.Saga.Bench.EndToEnd.Pipeline;
using Orleans.Saga.Bench.EndToEnd.Report;
using Orleans.Saga.Bench.EndToEnd.Workload;
using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Bench.EndToEnd;

/// <summary>
/// One benchmark run, in order: pre-produce and verify the topic; the limit consumer; the silo with the embedded
/// classifier (and, if asked, with the HTTP classifier against a local service); then latency on a fresh silo that
/// reads an empty live topic, at half the embedded pipeline's rate.
/// </summary>
public sealed class BenchRun(BenchOptions options, TextWriter output, TextWriter progress)
{
    /// <summary>The silo runs with default windows: 5 minutes, top 5.</summary>
    public const long WindowSeconds = 300;

    public const int TopN = 5;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var loadAtStart = MachineInfo.LoadAverage();

        // The very characters file the silo loads.
        var catalog = CharacterCatalog.Load(Path.Combine(Path.GetDirectoryName(options.SiloPath)!, CharacterCatalog.DefaultFileName));
        var labeler = new TextLabeler(catalog);
        var texts = TextPool.Create(labeler, options.DistinctTexts, options.Seed);
        var dataEnd = DateTimeOffset.UtcNow.Add(-options.DataEndsAgo).ToUnixTimeSeconds();
        var workload = new EventWorkload(texts, options.Partitions, options.Events, dataEnd, options.EventTimeSpan, options.Seed);
        var expected = new ExpectedRows(WindowSeconds, TopN);

        var loader = new TopicLoader(options.BootstrapServers, options.Topic);
        if (loader.HighWatermarks(options.Partitions).Any(h => h != 0))
        {
            throw new InvalidOperationException($"topic '{options.Topic}' is not empty: the benchmark needs a fresh one");
        }

        progress.WriteLine($"producing {workload.Records:N0} records into {options.Topic} ({options.Partitions} partitions, zstd)");
        var load = loader.Load(workload.Generate(), options.Partitions, record =>
        {
            if (record.Text is { } text)
            {
                expected.Add(record.Time, text);
            }
        });
        var problems = loader.Verify(load.Delivered);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("the broker does not hold every produced record:\n  " + string.Join("\n  ", problems));
        }

        progress.WriteLine($"produced {load.Records:N0} records in {load.Elapsed.TotalSeconds:0.0} s; all present; {expected.Windows:N0} (window, saga) pairs expected");

        var limits = new List<LimitResult>();
        for (var run = 1; run <= options.LimitRuns; run++)
        {
            progress.WriteLine($"limit: plain consumer, run {run} of {options.LimitRuns}");
            var limit = await new LimitPhase(options).RunAsync(workload.Records, cancellationToken);
            limits.Add(limit);
            progress.WriteLine($"limit: {limit.Records / limit.Seconds:N0} records/s");
        }

        var report = new BenchReport { Options = options, Load = load, LimitRuns = limits, LoadAtStart = loadAtStart };

        var pipeline = new PipelinePhase(options, workload.Records, expected, progress);
        for (var run = 1; options.RunEmbedded && run <= options.PipelineRuns; run++)
        {
            // A fresh service id and consumer group each time: every run starts from empty state and offsets.
            var name = options.PipelineRuns == 1 ? "embedded" : $"embedded-{run}";
            progress.WriteLine($"pipeline: silo with the embedded classifier, run {run} of {options.PipelineRuns}");
            report.EmbeddedRuns.Add(await pipeline.RunAsync(name, new SiloSettings($"bench-{name}", $"bench-{name}", null), cancellationToken));
        }

        if (options.RunHttp)
        {
            progress.WriteLine("pipeline: silo with the HTTP classifier (local service)");
            await using var service = await LocalClassifierService.StartAsync(labeler);
            report.Http = await pipeline.RunAsync("http", new SiloSettings("bench-http", "bench-http", service.Url), cancellationToken);
            report.Classifier = service.Stats;
        }

        var rate = (report.Embedded ?? report.Http!).EventsPerSecond / 2;
        progress.WriteLine($"latency: fresh silo on {options.LiveTopic}, {rate:N0} events/s for {options.LatencyDuration.TotalSeconds:0} s");
        report.Latency = await MeasureLatencyAsync(labeler, rate, cancellationToken);

        report.Write(output);
    }

    private async Task<LatencyResult> MeasureLatencyAsync(TextLabeler labeler, double rate, CancellationToken cancellationToken)
    {
        var settings = new SiloSettings("bench-latency", "bench-latency", null);
        var environment = new Dictionary<string, string>(settings.Environment(options)) { ["Saga__Kafka__Topic"] = options.LiveTopic };
        await using var silo = Processes.ChildProcess.Start(options.SiloPath, [], environment, Path.Combine(options.WorkDirectory, "silo-latency.log"));
        await SiloProcess.WaitUntilReadyAsync(silo, settings, TimeSpan.FromMinutes(2), cancellationToken);
        await using var probe = await ClusterProbe.ConnectAsync(silo, settings, TimeSpan.FromMinutes(1), cancellationToken);
        return await new LatencyPhase(options, labeler, progress).RunAsync(probe, rate, cancellationToken);
    }
}
