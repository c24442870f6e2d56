using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Saga.Domain.Characters;
using Orleans.Saga.Domain.Classification;
using Orleans.Saga.Domain.Windows;
using Orleans.Saga.Metrics;
using Orleans.Saga.Options;
using Orleans.Saga.Processing;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Hosting;

/// <summary>Registers the Orleans.Saga pipeline's services on a silo.</summary>
public static class SagaSiloBuilderExtensions
{
    /// <summary>
    /// Adds what the partition, index and ranking grains need: options bound from <paramref name="configuration"/>,
    /// the characters, the matcher, the classifier (HTTP when <c>Saga:Classifier:Url</c> is set, else embedded) and
    /// the metrics. The event source, the grain storage, the row store and the dead-letter publisher are the host's
    /// choice and are registered separately.
    /// </summary>
    public static ISiloBuilder AddSagaPipeline(this ISiloBuilder builder, IConfiguration configuration)
    {
        var services = builder.Services;
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName))
            .Validate(Valid<PipelineOptions>(o => o.Validate())).ValidateOnStart();
        services.AddOptions<WindowSettings>().Bind(configuration.GetSection("Saga:Windows"))
            .Validate(Valid<WindowSettings>(o => o.Validate())).ValidateOnStart();
        services.AddOptions<CharacterOptions>().Bind(configuration.GetSection(CharacterOptions.SectionName));
        services.AddOptions<HttpClassifierOptions>().Bind(configuration.GetSection("Saga:Classifier"));

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<PipelineMetrics>();
        services.TryAddSingleton(sp => CharacterCatalog.Load(sp.GetRequiredService<IOptions<CharacterOptions>>().Value.Path));
        services.TryAddSingleton(sp => new CharacterMatcher(sp.GetRequiredService<CharacterCatalog>().Characters.Select(c => c.Name).ToList()));
        services.TryAddSingleton<ISagaClassifier>(CreateClassifier);
        services.TryAddSingleton<RecordProcessor>();

        // Known once a Kafka stream provider of this name has created its adapter; a source without one leaves it unknown.
        services.TryAddKeyedSingleton<KafkaTopicPartitions>(Orleans.Saga.SagaStreams.ProviderName);
        return builder;
    }

    private static ISagaClassifier CreateClassifier(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<HttpClassifierOptions>>();
        if (options.Value.Url is null)
        {
            return new EmbeddedClassifier(services.GetRequiredService<CharacterCatalog>());
        }

        // One long-lived client: pooled keep-alive connections, recycled so DNS changes are seen.
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = options.Value.MaxConcurrency,
            AutomaticDecompression = DecompressionMethods.All,
        };
        var http = new HttpClient(handler) { Timeout = options.Value.RequestTimeout };
        return new HttpSagaClassifier(
            http,
            options,
            services.GetRequiredService<ILogger<HttpSagaClassifier>>(),
            new ClassifierMetrics(services.GetRequiredService<IMeterFactory>()));
    }

    private static Func<T, bool> Valid<T>(Action<T> validate) => options =>
    {
        validate(options);
        return true;
    };
}
