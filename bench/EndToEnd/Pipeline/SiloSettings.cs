using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Saga.Bench.EndToEnd.Pipeline;

/// <summary>One silo's configuration for a run, given to it as <c>Saga__...</c> environment variables.</summary>
/// <param name="ServiceId">Distinct per run, so that each run starts from empty grain state in the shared database.</param>
/// <param name="ConsumerGroup">Distinct per run, so that no run resumes from another's committed offsets.</param>
/// <param name="ClassifierUrl">The HTTP classifier; null runs the embedded one.</param>
public sealed record SiloSettings(string ServiceId, string ConsumerGroup, Uri? ClassifierUrl)
{
    public const string ClusterId = "bench";

    public int SiloPort { get; } = FreePort();

    public int GatewayPort { get; } = FreePort();

    public int HttpPort { get; } = FreePort();

    public IReadOnlyDictionary<string, string> Environment(BenchOptions options)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Saga__Kafka__BootstrapServers"] = options.BootstrapServers,
            ["Saga__Kafka__Topic"] = options.Topic,
            ["Saga__Kafka__DeadLetterTopic"] = options.DeadLetterTopic,
            ["Saga__Kafka__ConsumerGroup"] = ConsumerGroup,
            ["ConnectionStrings__MySql"] = options.MySql,
            ["Saga__ClusterId"] = ClusterId,
            ["Saga__ServiceId"] = ServiceId,
            ["Saga__Silo__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Saga__Silo__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Saga__Silo__HttpPort"] = HttpPort.ToString(CultureInfo.InvariantCulture),

            // The kept logs (--keep) are read against the progress lines: give each entry its time.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        };
        if (ClassifierUrl is not null)
        {
            environment["Saga__Classifier__Url"] = ClassifierUrl.ToString();
        }

        return environment;
    }

    /// <summary>A loopback port free right now (the OS picks it; a race with another process is unlikely and fails loudly).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
