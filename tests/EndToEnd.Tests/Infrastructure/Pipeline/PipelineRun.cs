using System.Diagnostics;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Kafka;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

/// <summary>
/// One test's pipeline: its own topics, consumer group, database and service id, a test cluster of production-wired
/// silos, and the script of records it writes round by round.
/// </summary>
public sealed class PipelineRun : IAsyncDisposable
{
    /// <summary>Rounds a scenario writes in all: about 95 minutes of event time, 19 windows.</summary>
    public const int Rounds = 16;

    /// <summary>The round that also carries late events, once the first half hour is sealed everywhere.</summary>
    public const int LateRound = 10;

    private const long LateHorizon = 1800;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(90);

    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private PipelineRun(DevBroker broker, TestDatabase database, PipelineTarget target, ITestOutputHelper output, int seed)
    {
        Broker = broker;
        Database = database;
        Target = target;
        _output = output;
        Script = new EventScript(seed);
        Producer = new RecordProducer(target.Bootstrap, target.Topic);
        Reader = new TopicReader(target.Bootstrap);
    }

    public DevBroker Broker { get; }

    public TestDatabase Database { get; }

    public PipelineTarget Target { get; }

    public EventScript Script { get; }

    public RecordProducer Producer { get; }

    public TopicReader Reader { get; }

    public TestCluster Cluster { get; private set; } = null!;

    public PipelineProbe Probe => new(Cluster.Client);

    /// <summary>Rounds planned so far.</summary>
    public int RoundsPlanned { get; private set; }

    /// <summary>Creates the run's topics and starts its cluster on <paramref name="database"/>, which the run then owns.</summary>
    public static async Task<PipelineRun> StartAsync(DevBroker broker, TestDatabase database, ITestOutputHelper output, short silos = 2, int seed = 20261123)
    {
        var id = Guid.NewGuid().ToString("N");
        var target = new PipelineTarget(
            broker.Bootstrap,
            Topic: $"events-{id}",
            DeadLetterTopic: $"events-dlq-{id}",
            ConsumerGroup: $"saga-e2e-{id}",
            database.ConnectionString,
            CharactersPath: TestCharacters.WriteFile(),
            ServiceId: $"saga-e2e-{id}");
        var run = new PipelineRun(broker, database, target, output, seed);
        try
        {
            await broker.CreateTopicAsync(target.Topic, EventScript.Partitions);
            await broker.CreateTopicAsync(target.DeadLetterTopic, 1);
            run.Cluster = await PipelineCluster.StartAsync(run.Target, silos);
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        run.Log($"cluster of {silos} silos up: topic {target.Topic}, database {database.Name}");
        return run;
    }

    public void Log(string message) => _output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1} s] {message}");

    /// <summary>
    /// Plans the next round; the late round first waits until every partition has sealed the window its late events
    /// fall in, so that they are late wherever they land.
    /// </summary>
    public async Task<IReadOnlyList<PlannedRecord>> PlanRoundAsync()
    {
        long? lateBefore = null;
        if (RoundsPlanned == LateRound)
        {
            lateBefore = Script.Start + LateHorizon;
            await Probe.WaitUntilSealedThroughAsync(lateBefore.Value, RoundTimeout);
        }

        RoundsPlanned++;
        return Script.NextRound(lateBefore);
    }

    public Task ProduceAsync(IReadOnlyList<PlannedRecord> records, ProducerKind producer = ProducerKind.Confluent) => producer switch
    {
        ProducerKind.Kcat => Producer.ProduceWithKcatAsync(records),
        ProducerKind.Transactional => Producer.ProduceInTransactionAsync(records),
        _ => Producer.ProduceAsync(records),
    };

    /// <summary>Plans and produces the next round without waiting for the pipeline.</summary>
    public async Task ProduceRoundAsync(ProducerKind producer = ProducerKind.Confluent) => await ProduceAsync(await PlanRoundAsync(), producer);

    /// <summary>Until every partition has processed everything the topic holds now.</summary>
    public async Task WaitUntilProcessedAsync()
    {
        var started = _clock.Elapsed;
        await Probe.WaitUntilProcessedAsync(Reader.RecordEnds(Target.Topic, EventScript.Partitions), RoundTimeout);
        Log($"round {RoundsPlanned - 1} processed ({(_clock.Elapsed - started).TotalSeconds:F1} s)");
    }

    /// <summary>Produces rounds one after another, each once the one before is processed, until <paramref name="until"/> are done.</summary>
    public async Task RunRoundsUntilAsync(int until, Func<int, ProducerKind>? producer = null)
    {
        while (RoundsPlanned < until)
        {
            await ProduceRoundAsync(producer?.Invoke(RoundsPlanned) ?? ProducerKind.Confluent);
            await WaitUntilProcessedAsync();
        }
    }

    /// <summary>Runs rounds until <paramref name="until"/> are done, then waits until every partition's end is durable; returns the ends.</summary>
    public async Task<long[]> RunRoundsUntilCheckpointedAsync(int until)
    {
        await RunRoundsUntilAsync(until);
        var ends = Reader.RecordEnds(Target.Topic, EventScript.Partitions);
        await Probe.WaitUntilCheckpointedAsync(ends, TimeSpan.FromSeconds(30));
        return ends;
    }

    /// <summary>Until each silo's Kafka receivers own the same number of partitions.</summary>
    public async Task WaitUntilSilosShareThePartitionsAsync()
    {
        var silos = Cluster.GetActiveSilos().ToList();
        await Polling.UntilAsync(
            () => Task.FromResult(silos.All(silo => PipelineCluster.AssignedPartitions(silo, Target.Topic).Count == EventScript.Partitions / silos.Count)),
            TimeSpan.FromSeconds(60),
            $"the {silos.Count} silos share the {EventScript.Partitions} partitions",
            () => string.Join("; ", silos.Select(silo => $"{silo.Name}: {string.Join(",", PipelineCluster.AssignedPartitions(silo, Target.Topic))}")));
        Log($"partitions shared: {string.Join("; ", silos.Select(silo => $"{silo.Name} owns {string.Join(",", PipelineCluster.AssignedPartitions(silo, Target.Topic).Order())}"))}");
    }

    /// <summary>Until <paramref name="silo"/>'s receivers own every partition.</summary>
    public async Task WaitUntilOwnsAllPartitionsAsync(SiloHandle silo)
    {
        await Polling.UntilAsync(
            () => Task.FromResult(PipelineCluster.AssignedPartitions(silo, Target.Topic).Count == EventScript.Partitions),
            TimeSpan.FromSeconds(90),
            $"{silo.Name} owns all {EventScript.Partitions} partitions",
            () => $"It owns {string.Join(",", PipelineCluster.AssignedPartitions(silo, Target.Topic))}.");
        Log($"{silo.Name} owns every partition");
    }

    /// <summary>Stops every silo gracefully and starts a new cluster on the same topics, database and service id.</summary>
    public async Task RestartClusterAsync(short silos)
    {
        await StopClusterAsync();
        await StartClusterAsync(silos);
    }

    /// <summary>Stops every silo gracefully; <see cref="StartClusterAsync"/> starts a new cluster.</summary>
    public async Task StopClusterAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = null!;
        Log("cluster stopped");
    }

    /// <summary>Starts a new cluster on the same topics, database and service id.</summary>
    public async Task StartClusterAsync(short silos)
    {
        Cluster = await PipelineCluster.StartAsync(Target, silos);
        Log($"new cluster of {silos} silos up");
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await StopClusterAsync();
        }

        Producer.Dispose();
        Reader.Dispose();
        await Database.DisposeAsync();
        File.Delete(Target.CharactersPath);
    }
}
