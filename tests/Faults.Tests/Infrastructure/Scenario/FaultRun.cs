using System.Diagnostics;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Kafka;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;
using Orleans.Saga.Faults.Tests.Infrastructure.Kafka;
using Orleans.Saga.Faults.Tests.Infrastructure.Servers;
using Orleans.Saga.Faults.Tests.Infrastructure.Silos;
using Orleans.Saga.Grains.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Scenario;

/// <summary>
/// One fault scenario: topics, consumer group, database and cluster of its own, silo processes, and a stream of
/// scripted records written at a steady rate. <see cref="StreamThroughAsync"/> injects the fault mid-stream, lets
/// the stream finish, and judges the output against the script.
/// </summary>
public sealed class FaultRun : IAsyncDisposable
{
    /// <summary>A few thousand records per scenario (30 a second per partition), well within the broker's retention.</summary>
    public const int RecordsPerSecond = 120;

    /// <summary>When "1", the silos' logs are kept after a passing scenario too (they always are after a failing one).</summary>
    public const string KeepLogsVariable = "SAGA_TEST_KEEP_LOGS";

    /// <summary>The script's seed: every scenario writes the same records, at the same pace.</summary>
    private const int Seed = 20261124;

    /// <summary>The stream runs this long before the fault, and this long after it ends.</summary>
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan ProducerTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly string _scenario;
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _logDirectory;
    private readonly ScenarioDatabase _database;
    private readonly PipelineTarget _target;
    private readonly EventScript _script;
    private readonly TopicReader _reader;
    private readonly SteadyProducer _producer;
    private bool _passed;

    private FaultRun(string scenario, ScenarioDatabase database, PipelineTarget target, int silos, string? classifierUrl, ITestOutputHelper output)
    {
        _scenario = scenario;
        _output = output;
        _database = database;
        _target = target;
        _logDirectory = Directory.CreateTempSubdirectory($"saga-faults-{scenario}-").FullName;
        _script = new EventScript(Seed);
        _reader = new TopicReader(target.Bootstrap);
        Silos = new SiloFleet(SiloSettings.For(target, classifierUrl), target.Topic, EventScript.Partitions, _logDirectory, silos);
        _producer = new SteadyProducer(target.Bootstrap, target.Topic, _script, RecordsPerSecond);
    }

    public SiloFleet Silos { get; }

    /// <summary>
    /// Creates the scenario's topics, starts <paramref name="silos"/> silos on <paramref name="database"/> (which the run
    /// then owns) and waits until they share the partitions.
    /// </summary>
    public static async Task<FaultRun> StartAsync(
        string scenario, FaultBroker broker, ScenarioDatabase database, ITestOutputHelper output, int silos, string? classifierUrl = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var target = new PipelineTarget(
            broker.Bootstrap,
            Topic: $"events-{scenario}-{id}",
            DeadLetterTopic: $"events-dlq-{scenario}-{id}",
            ConsumerGroup: $"saga-faults-{id}",
            MySqlConnectionString: database.ConnectionString,
            CharactersPath: TestCharacters.WriteFile(),
            ServiceId: $"saga-faults-{id}");
        var run = new FaultRun(scenario, database, target, silos, classifierUrl, output);
        try
        {
            await broker.CreateTopicAsync(target.Topic, EventScript.Partitions);
            await broker.CreateTopicAsync(target.DeadLetterTopic, 1);
            await run.Silos.StartAsync();
            await run.Silos.WaitUntilPartitionsSpreadOverAsync(run.Silos.Silos);
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        run.Log($"{silos} silo processes ready, database {database.Name}: {run.Silos.Describe()}");
        return run;
    }

    public void Log(string message) => _output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1} s] {message}");

    /// <summary>
    /// Streams records while the silos consume them; once the stream flows through every partition, runs
    /// <paramref name="fault"/> (which returns when the fault is over, with the number of faults it injected), streams
    /// on, stops, and judges the outcome. Prints and returns the report; fails unless the output is exact.
    /// </summary>
    public async Task<FaultReport> StreamThroughAsync(Func<Task<int>> fault)
    {
        _producer.Start();
        var streaming = _clock.Elapsed;
        await WaitUntilFlowingAsync();
        await DelayUntil(streaming + Steady);

        Log($"fault begins ({_producer.Sent} records written)");
        var begin = _clock.Elapsed;
        var faults = await fault();
        var end = _clock.Elapsed;
        Log($"fault over after {(end - begin).TotalSeconds:F1} s: {Silos.Describe()}");

        var catchingUp = CatchUpAsync(end);
        await DelayUntil(end + Steady);
        await _producer.StopAsync(ProducerTimeout);
        Log($"stream stopped: {_script.Records.Count} records written");
        var recovery = await catchingUp;
        await WaitUntilCommittedAsync(_reader.HighWatermarks(_target.Topic, EventScript.Partitions), CatchUpTimeout);

        var verdict = await ExactlyOnce.JudgeAsync(_script, _reader, _database, _target.Topic, _target.DeadLetterTopic);
        var report = new FaultReport(_scenario, faults, end - begin, recovery, verdict);
        Log(report.ToString());
        await Console.Error.WriteLineAsync(report.ToString());
        verdict.Assert();
        _passed = true;
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        await _producer.DisposeAsync();
        if (!_passed || Environment.GetEnvironmentVariable(KeepLogsVariable) == "1")
        {
            Log($"silo logs kept in {_logDirectory}: {Silos.Describe()}");
        }

        await Silos.DisposeAsync();
        _reader.Dispose();
        await _database.DisposeAsync();
        File.Delete(_target.CharactersPath);
        if (_passed && Environment.GetEnvironmentVariable(KeepLogsVariable) != "1")
        {
            Directory.Delete(_logDirectory, recursive: true);
        }
    }

    /// <summary>Until every partition has committed progress: each partition grain is registered and checkpointing.</summary>
    private async Task WaitUntilFlowingAsync()
    {
        var deadline = _clock.Elapsed + FlowTimeout;
        while (!(await CommittedAsync()).All(offset => offset > 0))
        {
            if (_clock.Elapsed > deadline)
            {
                throw new TimeoutException($"The stream did not reach every partition's checkpoint within {FlowTimeout}: {Silos.Describe()}");
            }

            await Task.Delay(Poll);
        }

        Log("records flow through every partition");
    }

    /// <summary>The time from <paramref name="since"/> until everything written by then is durably counted.</summary>
    private async Task<TimeSpan> CatchUpAsync(TimeSpan since)
    {
        var target = await RetryAsync(() => _reader.HighWatermarks(_target.Topic, EventScript.Partitions));
        await WaitUntilCommittedAsync(target, CatchUpTimeout);
        return _clock.Elapsed - since;
    }

    private async Task WaitUntilCommittedAsync(long[] ends, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        long[] committed;
        while (!(committed = await CommittedAsync()).Zip(ends).All(pair => pair.First >= pair.Second))
        {
            if (_clock.Elapsed > deadline)
            {
                throw new TimeoutException(
                    $"Committed offsets {string.Join(",", committed)} did not reach {string.Join(",", ends)} within {timeout}: {Silos.Describe()}");
            }

            await Task.Delay(Poll);
        }
    }

    /// <summary>The consumer group's committed offsets (the durable progress); zeros while the broker does not answer.</summary>
    private async Task<long[]> CommittedAsync()
    {
        try
        {
            return await Task.Run(() => _reader.Committed(_target.ConsumerGroup, _target.Topic, EventScript.Partitions));
        }
        catch (Confluent.Kafka.KafkaException)
        {
            return new long[EventScript.Partitions];
        }
    }

    private static async Task<T> RetryAsync<T>(Func<T> read)
    {
        while (true)
        {
            try
            {
                return await Task.Run(read);
            }
            catch (Confluent.Kafka.KafkaException)
            {
                await Task.Delay(Poll);
            }
        }
    }

    private async Task DelayUntil(TimeSpan time)
    {
        if (time > _clock.Elapsed)
        {
            await Task.Delay(time - _clock.Elapsed);
        }
    }
}
