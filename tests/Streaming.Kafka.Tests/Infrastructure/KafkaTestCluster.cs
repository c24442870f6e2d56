using System.Globalization;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Orleans.Saga.Streaming.Kafka.Tests;

/// <summary>A test cluster whose silos read one topic of the dev broker with the Kafka stream provider.</summary>
public static class KafkaTestCluster
{
    public const string ProviderName = "kafka";
    public const string StreamNamespace = "saga-events";

    public static async Task<TestCluster> StartAsync(
        DevKafkaBroker broker, string topic, short silos, TimeSpan? responseTimeout = null, int maxBatchSize = 5000)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Properties["Kafka:BootstrapServers"] = broker.BootstrapServers;
        builder.Properties["Kafka:Topic"] = topic;
        builder.Properties["Kafka:MaxBatchSize"] = maxBatchSize.ToString(CultureInfo.InvariantCulture);
        if (responseTimeout is { } timeout)
        {
            builder.Properties["Test:ResponseTimeout"] = timeout.ToString();
        }

        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static KafkaStreamStatus Status(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).ServiceProvider.GetRequiredService<KafkaStreamStatus>();

    public static KafkaTopicPartitions TopicPartitions(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).ServiceProvider.GetRequiredKeyedService<KafkaTopicPartitions>(ProviderName);

    /// <summary>The partitions a silo's receivers currently own.</summary>
    public static IReadOnlySet<int> AssignedPartitions(SiloHandle silo, string topic) =>
        Status(silo).Partitions.Where(p => p.Topic == topic && p.Assigned).Select(p => p.Partition).ToHashSet();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            if (configuration["Test:ResponseTimeout"] is { } responseTimeout)
            {
                siloBuilder.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.Parse(responseTimeout, CultureInfo.InvariantCulture));
            }

            siloBuilder.Services.AddSingleton<IKafkaCheckpointStore>(TestCheckpointStore.Instance);
            siloBuilder.AddKafkaStreams(ProviderName, options => options.Configure(kafka =>
            {
                kafka.BootstrapServers = configuration["Kafka:BootstrapServers"]!;
                kafka.Topic = configuration["Kafka:Topic"]!;
                kafka.StreamNamespace = StreamNamespace;
                kafka.MaxBatchSize = int.Parse(configuration["Kafka:MaxBatchSize"]!, CultureInfo.InvariantCulture);
                kafka.CheckpointInterval = TimeSpan.FromMilliseconds(200);
                kafka.StatusInterval = TimeSpan.FromMilliseconds(500);
            }));
        }
    }
}
