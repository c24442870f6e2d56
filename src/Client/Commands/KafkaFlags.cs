using System.CommandLine;

namespace Orleans.Saga.Client.Commands;

/// <summary>The flags that say where the events are: shortcuts for <c>Saga:Kafka:*</c>.</summary>
public sealed class KafkaFlags
{
    public Option<string?> Bootstrap { get; } = new("--bootstrap", "-b")
    {
        Description = "Kafka bootstrap servers (Saga:Kafka:BootstrapServers, default localhost:9092).",
        HelpName = "HOST:PORT",
    };

    public Option<string?> Topic { get; } = new("--topic", "-t")
    {
        Description = "Kafka topic (Saga:Kafka:Topic, default events).",
        HelpName = "NAME",
    };

    public void AddTo(Command command)
    {
        command.Add(Bootstrap);
        command.Add(Topic);
    }

    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parse)
    {
        if (parse.GetValue(Bootstrap) is { Length: > 0 } bootstrap)
        {
            yield return new("Saga:Kafka:BootstrapServers", bootstrap);
        }

        if (parse.GetValue(Topic) is { Length: > 0 } topic)
        {
            yield return new("Saga:Kafka:Topic", topic);
        }
    }
}
