using System.Net;
using System.Net.Sockets;
using System.Text;
using Orleans.Saga.DevKafka.Tests.Infrastructure;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Kafka;

/// <summary>
/// The dev broker the tests use: the one scripts/test.sh runs (<c>SAGA_TEST_KAFKA</c>, <c>SAGA_TEST_KAFKA_CONTROL</c>),
/// or else one of our own as a child process, killed by its PID on dispose. Tests talk to it through its control
/// channel: topics of their own, and outages.
/// </summary>
public sealed class DevBroker : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly DevKafkaProcess? _ownProcess;

    private DevBroker(string bootstrap, IPEndPoint control, DevKafkaProcess? ownProcess)
    {
        Bootstrap = bootstrap;
        Control = control;
        _ownProcess = ownProcess;
    }

    public string Bootstrap { get; }

    public IPEndPoint Control { get; }

    public static async Task<DevBroker> AttachOrStartAsync()
    {
        if (TestEnvironment.Get(TestEnvironment.KafkaVariable) is { } bootstrap)
        {
            var control = TestEnvironment.Get(TestEnvironment.KafkaControlVariable)
                ?? throw new InvalidOperationException($"{TestEnvironment.KafkaVariable} is set but {TestEnvironment.KafkaControlVariable} is not: the tests need the control channel.");
            return new DevBroker(bootstrap, IPEndPoint.Parse(control), ownProcess: null);
        }

        var process = await DevKafkaProcess.StartAsync(1, "--topics", string.Empty);
        return new DevBroker(process.Bootstrap, process.Control, process);
    }

    public Task CreateTopicAsync(string name, int partitions) => ControlAsync($"create-topic {name} {partitions}");

    /// <summary>Refuses and drops every client connection; records and committed offsets are kept.</summary>
    public Task DownAsync() => ControlAsync("down");

    public Task UpAsync() => ControlAsync("up");

    /// <summary>Sends one control command; fails unless the broker answers <c>ok</c>.</summary>
    public async Task<string> ControlAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Control);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n", AutoFlush = true };
        await writer.WriteLineAsync(command);
        var reply = await reader.ReadLineAsync().WaitAsync(ReplyTimeout) ?? "error: no reply";
        if (!reply.StartsWith("ok", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"devkafka '{command}': {reply}");
        }

        return reply;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownProcess is not null)
        {
            await _ownProcess.DisposeAsync();
        }
    }
}
