using Microsoft.Extensions.DependencyInjection;
using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Streaming.Kafka;
using Orleans.TestingHost;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>A silo of the test cluster: memory streams on four queues, memory storage, the test's stores.</summary>
public sealed class SagaTestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var stores = TestStores.For(siloBuilder.Configuration[TestStores.KeySetting]!);
        siloBuilder
            .AddSagaPipeline(siloBuilder.Configuration)
            .AddMemoryGrainStorage(SagaStreams.StorageName)
            .AddMemoryGrainStorage("PubSubStore")
            .AddMemoryStreams(SagaStreams.ProviderName, streams => streams.ConfigurePartitioning(4));
        siloBuilder.Services.AddSingleton<IWindowRowStore>(stores.Rows);
        siloBuilder.Services.AddSingleton<IDeadLetterPublisher>(stores.DeadLetters);
    }
}

public sealed class SagaTestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.AddMemoryStreams(SagaStreams.ProviderName, streams => streams.ConfigurePartitioning(4));
}
