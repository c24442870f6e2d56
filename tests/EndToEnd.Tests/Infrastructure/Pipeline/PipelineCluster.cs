using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.Silo.Hosting;
using Orleans.Saga.Streaming.Kafka;
using Orleans.TestingHost;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

/// <summary>
/// In-process silos wired exactly as production silos are (<see cref="SagaSiloBuilderExtensions.AddSagaServices"/>:
/// the Kafka provider, the Kafka dead-letter publisher, ADO.NET grain storage and the row store on MySQL), with
/// short intervals. The test cluster brings its own membership.
/// </summary>
public static class PipelineCluster
{
    public static IReadOnlyDictionary<string, string?> Settings(PipelineTarget target) => new Dictionary<string, string?>
    {
        ["ConnectionStrings:MySql"] = target.MySqlConnectionString,
        ["Saga:Source"] = nameof(EventSource.Kafka),
        ["Saga:Kafka:BootstrapServers"] = target.Bootstrap,
        ["Saga:Kafka:Topic"] = target.Topic,
        ["Saga:Kafka:DeadLetterTopic"] = target.DeadLetterTopic,
        ["Saga:Kafka:ConsumerGroup"] = target.ConsumerGroup,
        ["Saga:Kafka:CheckpointInterval"] = "00:00:00.250",
        ["Saga:Kafka:StatusInterval"] = "00:00:00.500",
        ["Saga:Characters:Path"] = target.CharactersPath,
        ["Saga:EventTime"] = "Payload",
        ["Saga:MaxEventBytes"] = EventScript.MaxEventBytes.ToString(CultureInfo.InvariantCulture),
        ["Saga:CheckpointInterval"] = "00:00:00.250",
        ["Saga:FlushInterval"] = "00:00:00.250",
        ["Saga:PartitionStaleAfter"] = "00:00:05",
        ["Saga:MaxRetryBackoff"] = "00:00:01",
        ["Saga:Windows:Size"] = TimeSpan.FromSeconds(EventScript.WindowSize).ToString("c", CultureInfo.InvariantCulture),
        ["Saga:Windows:AllowedLateness"] = TimeSpan.FromSeconds(EventScript.AllowedLateness).ToString("c", CultureInfo.InvariantCulture),
        ["Saga:Windows:IdleTimeout"] = "00:00:03",
        ["Saga:Windows:TopN"] = EventScript.TopN.ToString(CultureInfo.InvariantCulture),
    };

    public static async Task<TestCluster> StartAsync(PipelineTarget target, short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = target.ServiceId;
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(Settings(target)));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The partitions of <paramref name="topic"/> that the silo's Kafka receivers own right now.</summary>
    public static IReadOnlySet<int> AssignedPartitions(SiloHandle silo, string topic) =>
        KafkaStatus(silo).Partitions.Where(p => p.Topic == topic && p.Assigned).Select(p => p.Partition).ToHashSet();

    public static KafkaStreamStatus KafkaStatus(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).ServiceProvider.GetRequiredService<KafkaStreamStatus>();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddSagaServices(siloBuilder.Configuration);
    }
}
