using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Saga.DeadLetters;
using Orleans.Saga.Kafka;
using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Silo.Hosting;

/// <summary>Configures a production silo from configuration: clustering, storage, the event source, the pipeline.</summary>
public static class SagaSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant that selects MySqlConnector in Orleans' ADO.NET providers.</summary>
    public const string MySqlInvariant = "MySql.Data.MySqlConnector";

    public static ISiloBuilder AddSagaSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var host = configuration.GetSection("Saga").Get<SagaHostOptions>() ?? new SagaHostOptions();
        var endpoints = configuration.GetSection(SiloEndpointOptions.SectionName).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
        var mySql = configuration.GetConnectionString("MySql") ?? MySqlConnectionStrings.Default;

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = host.ClusterId;
            options.ServiceId = host.ServiceId;
        });
        ConfigureClustering(silo, host.Clustering, endpoints, mySql);
        return silo.AddSagaServices(configuration);
    }

    /// <summary>
    /// Everything but clustering: grain storage in MySQL, the pipeline, the row store, and the event source with its
    /// dead-letter place. Test clusters, which bring their own clustering, start from here.
    /// </summary>
    public static ISiloBuilder AddSagaServices(this ISiloBuilder silo, IConfiguration configuration)
    {
        var host = configuration.GetSection("Saga").Get<SagaHostOptions>() ?? new SagaHostOptions();
        var mySql = configuration.GetConnectionString("MySql") ?? MySqlConnectionStrings.Default;
        silo.AddAdoNetGrainStorage(SagaStreams.StorageName, options =>
        {
            options.Invariant = MySqlInvariant;
            options.ConnectionString = mySql;
        });
        silo.AddSagaPipeline(configuration);
        silo.Services.AddMySqlWindowRowStore(options => options.ConnectionString = mySql);

        if (host.Source == EventSource.Kafka)
        {
            AddKafkaSource(silo, configuration);
        }
        else
        {
            silo.AddMemoryStreams(SagaStreams.ProviderName, streams => streams.ConfigurePartitioning(4));
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.Services.AddSingleton<IDeadLetterPublisher, LoggingDeadLetterPublisher>();
        }

        return silo;
    }

    private static void ConfigureClustering(ISiloBuilder silo, ClusteringMode clustering, SiloEndpointOptions endpoints, string mySql)
    {
        if (clustering == ClusteringMode.Localhost)
        {
            var primary = endpoints.PrimarySiloPort is int port ? new IPEndPoint(IPAddress.Loopback, port) : null;
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, primary);
            return;
        }

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = MySqlInvariant;
            options.ConnectionString = mySql;
        });
        var advertised = endpoints.AdvertisedAddress is { Length: > 0 } address ? IPAddress.Parse(address) : IPAddress.Loopback;
        silo.ConfigureEndpoints(advertised, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: endpoints.AdvertisedAddress is { Length: > 0 });
    }

    private static void AddKafkaSource(ISiloBuilder silo, IConfiguration configuration)
    {
        var kafka = configuration.GetSection("Saga:Kafka");
        silo.AddKafkaStreams(SagaStreams.ProviderName, options => options
            .Bind(kafka)
            .PostConfigure(o => o.StreamNamespace = SagaStreams.EventNamespace));
        silo.Services.AddKafkaDeadLetters(options => options.Configure(o =>
        {
            o.BootstrapServers = kafka["BootstrapServers"] ?? o.BootstrapServers;
            o.Topic = kafka["DeadLetterTopic"] ?? o.Topic;
        }));
        silo.Services.AddSingleton<IKafkaCheckpointStore, PartitionGrainCheckpointStore>();
    }
}
