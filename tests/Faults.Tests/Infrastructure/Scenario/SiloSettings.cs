using System.Globalization;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Scenario;

/// <summary>The configuration every silo of a scenario runs with, as environment variables would carry it.</summary>
public static class SiloSettings
{
    /// <summary>Ranks kept per (window, saga): more than there are test characters, so the rows hold every count.</summary>
    public const int TopN = 25;

    /// <summary>
    /// A partition's watermark trails its largest event time by this much: five times the script's disorder (2
    /// minutes), so no on-time event is ever late, and short enough that a scenario closes dozens of windows.
    /// </summary>
    public const long AllowedLateness = 600;

    /// <summary>
    /// A partition that receives nothing during a fault (its silo dead or frozen, the broker down) must keep holding
    /// the stream watermark back for the whole scenario: were it idle, the others could close windows its backlog still
    /// has on-time events for, and what counts as late would depend on timing instead of on the script. (Idleness
    /// itself is covered by the window tests.)
    /// </summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    public static IReadOnlyDictionary<string, string> For(PipelineTarget target, string? classifierUrl)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:MySql"] = target.MySqlConnectionString,
            ["Saga:Clustering"] = "AdoNet",
            ["Saga:ClusterId"] = target.ServiceId,
            ["Saga:ServiceId"] = target.ServiceId,
            ["Saga:Dashboard:Enabled"] = "false",
            ["Saga:Source"] = "Kafka",
            ["Saga:Kafka:BootstrapServers"] = target.Bootstrap,
            ["Saga:Kafka:Topic"] = target.Topic,
            ["Saga:Kafka:DeadLetterTopic"] = target.DeadLetterTopic,
            ["Saga:Kafka:ConsumerGroup"] = target.ConsumerGroup,
            ["Saga:Kafka:CheckpointInterval"] = "00:00:00.250",
            ["Saga:Kafka:StatusInterval"] = "00:00:00.500",
            ["Saga:Characters:Path"] = target.CharactersPath,
            ["Saga:EventTime"] = "Payload",
            ["Saga:MaxEventBytes"] = Text(EventScript.MaxEventBytes),
            ["Saga:CheckpointInterval"] = "00:00:00.250",
            ["Saga:FlushInterval"] = "00:00:00.250",
            ["Saga:PartitionStaleAfter"] = "00:00:05",
            ["Saga:MaxRetryBackoff"] = "00:00:01",
            ["Saga:Windows:Size"] = Span(TimeSpan.FromSeconds(EventScript.WindowSize)),
            ["Saga:Windows:AllowedLateness"] = Span(TimeSpan.FromSeconds(AllowedLateness)),
            ["Saga:Windows:IdleTimeout"] = Span(IdleTimeout),
            ["Saga:Windows:TopN"] = Text(TopN),
            ["Saga:Classifier:Url"] = classifierUrl ?? string.Empty,
            ["Saga:Classifier:MaxBackoff"] = "00:00:01",
            // A silo that stops answering is declared dead after about three missed 2 s probes, not 15 s.
            ["Orleans:Membership:ProbeTimeout"] = "00:00:02",
            ["Orleans:Membership:NumMissedProbesLimit"] = "3",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Orleans.Runtime.MembershipService"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Warning",
        };
        return settings;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
