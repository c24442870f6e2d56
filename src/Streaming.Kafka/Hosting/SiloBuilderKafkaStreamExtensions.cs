using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

public static class SiloBuilderKafkaStreamExtensions
{
    /// <summary>
    /// Adds a persistent stream provider named <paramref name="name"/> reading a Kafka topic: one queue per partition,
    /// balanced evenly over the active silos, delivered to stream <c>(StreamNamespace, partition)</c> for implicit
    /// subscribers. The pulling agent retries a delivery for ever, so a slow or failing consumer holds its partition
    /// back (bounded by the queue cache) instead of losing records. The topic's partition count is published as the
    /// <see cref="KafkaTopicPartitions"/> keyed by <paramref name="name"/>.
    /// </summary>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<OptionsBuilder<KafkaStreamOptions>> configure)
    {
        builder.Services.AddKafkaDiagnostics();
        builder.Services.AddSingleton(services => KafkaStreamOptionsValidator.Create(services, name));
        builder.Services.TryAddKeyedSingleton<KafkaTopicPartitions>(name);
        return builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, stream =>
        {
            stream.Configure(configure);
            stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            stream.ConfigurePartitionBalancing(EvenQueueBalancer.Create);
            stream.ConfigurePullingAgent(agent => agent.Configure(options => options.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan));
        });
    }

    internal static IServiceCollection AddKafkaDiagnostics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(services => new KafkaStreamStatus(services.GetService<TimeProvider>()));
        services.TryAddSingleton<KafkaStreamMetrics>();
        return services;
    }
}
