using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Saga.Persistence.MySql;
using Orleans.Serialization;
using Orleans.Saga.Streaming.Kafka;
using Orleans.TestingHost;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>A silo of the test cluster: memory streams on four queues, and the test's stores (grain state included).</summary>
public sealed class SagaTestSiloConfigurator : ISiloConfigurator
{
    /// <summary>Set to tell the silos how many partitions the topic has, as the Kafka stream provider would.</summary>
    public const string TopicPartitionsSetting = "Test:TopicPartitions";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var stores = TestStores.For(siloBuilder.Configuration[TestStores.KeySetting]!);
        siloBuilder
            .AddSagaPipeline(siloBuilder.Configuration)
            .AddMemoryGrainStorage("PubSubStore")
            .AddMemoryStreams(SagaStreams.ProviderName, streams => streams.ConfigurePartitioning(4));
        siloBuilder.Services.AddGrainStorage(SagaStreams.StorageName, (services, _) =>
            new SharedGrainStorage(stores, services.GetRequiredService<DeepCopier>()));
        siloBuilder.Services.AddSingleton<IWindowRowStore>(stores.Rows);
        siloBuilder.Services.AddSingleton<IDeadLetterPublisher>(stores.DeadLetters);
        if (siloBuilder.Configuration.GetValue<int?>(TopicPartitionsSetting) is int count)
        {
            // What a Kafka stream provider would know of its topic; memory streams know nothing of partitions.
            var topicPartitions = new KafkaTopicPartitions();
            topicPartitions.Set(count);
            siloBuilder.Services.AddKeyedSingleton(SagaStreams.ProviderName, topicPartitions);
        }
    }
}

public sealed class SagaTestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.AddMemoryStreams(SagaStreams.ProviderName, streams => streams.ConfigurePartitioning(4));
}
