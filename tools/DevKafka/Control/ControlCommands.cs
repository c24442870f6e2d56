using System.Text.Json;
using Orleans.Saga.DevKafka.Native;

namespace Orleans.Saga.DevKafka.Control;

/// <summary>
/// The control protocol: one command per line, one reply line per command, <c>ok …</c> or <c>error …</c>.
/// See docs/DEV-BROKER.md.
/// </summary>
internal sealed class ControlCommands(DevBroker broker, Action requestShutdown)
{
    public const string Help = "commands: status | down | up | create-topic NAME PARTITIONS | shutdown | help";

    public async Task<string> ExecuteAsync(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return $"error empty command; {Help}";
        }

        try
        {
            return (words[0].ToLowerInvariant(), words.Length) switch
            {
                ("status", 1) => "ok " + JsonSerializer.Serialize(await broker.GetStatusAsync(), ControlJsonContext.Default.BrokerStatus),
                ("down", 1) => await broker.DownAsync() ? "ok down" : "ok down (already)",
                ("up", 1) => await broker.UpAsync() ? "ok up" : "ok up (already)",
                ("create-topic", 3) => await CreateTopicAsync(words[1], words[2]),
                ("shutdown", 1) => Shutdown(),
                ("help", 1) => "ok " + Help,
                _ => $"error unknown command '{line.Trim()}'; {Help}",
            };
        }
        catch (Exception exception) when (exception is MockClusterException or FormatException or System.Net.Sockets.SocketException)
        {
            return "error " + exception.Message;
        }
    }

    private async Task<string> CreateTopicAsync(string name, string partitions)
    {
        var topic = TopicSpec.Create(name, partitions);
        await broker.CreateTopicAsync(topic);
        return $"ok created {topic.Name} partitions={topic.Partitions}";
    }

    private string Shutdown()
    {
        requestShutdown();
        return "ok shutting down";
    }
}
