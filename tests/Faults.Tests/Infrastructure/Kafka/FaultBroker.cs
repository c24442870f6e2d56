using Orleans.Saga.DevKafka.Tests.Infrastructure;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Kafka;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Kafka;

/// <summary>
/// The dev broker a scenario's topics live on: the shared one (topics of its own keep the scenario apart), or, for a
/// scenario that takes the broker down, one of its own as a child process, killed by its PID on dispose.
/// </summary>
public sealed class FaultBroker : IAsyncDisposable
{
    private readonly Func<string, Task<string>> _control;
    private readonly DevKafkaProcess? _own;

    private FaultBroker(string bootstrap, Func<string, Task<string>> control, DevKafkaProcess? own)
    {
        Bootstrap = bootstrap;
        _control = control;
        _own = own;
    }

    public string Bootstrap { get; }

    public static FaultBroker Shared(DevBroker broker) => new(broker.Bootstrap, broker.ControlAsync, own: null);

    public static async Task<FaultBroker> StartOwnAsync()
    {
        var process = await DevKafkaProcess.StartAsync(1, "--topics", string.Empty);
        return new FaultBroker(process.Bootstrap, process.ControlAsync, process);
    }

    public Task CreateTopicAsync(string name, int partitions) => ControlAsync($"create-topic {name} {partitions}");

    /// <summary>Refuses and drops every client connection; records and committed offsets are kept.</summary>
    public Task DownAsync() => ControlAsync("down");

    public Task UpAsync() => ControlAsync("up");

    public async ValueTask DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }
    }

    private async Task ControlAsync(string command)
    {
        var reply = await _control(command);
        if (!reply.StartsWith("ok", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"devkafka '{command}': {reply}");
        }
    }
}
