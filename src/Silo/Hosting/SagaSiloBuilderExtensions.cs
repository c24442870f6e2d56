using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Saga.DeadLetters;
using Orleans.Saga.Kafka;
using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Silo.Observability;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Silo.Hosting;

/// <summary>
/// Configures a production silo from configuration: clustering, storage, the event source, the pipeline, the
/// dashboard's grains.
/// </summary>
public static class SagaSiloBuilderExtensions
{
    /// <summary>The configuration section bound to Orleans' <see cref="ClusterMembershipOptions"/>.</summary>
    public const string MembershipSection = "Orleans:Membership";

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

        // Failure detection (probe timeout, missed probes, votes) is Orleans' ClusterMembershipOptions, bound as is from
        // Orleans:Membership; Orleans binds Orleans:Messaging by itself, but not membership.
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        if (configuration.GetSection(SagaDashboardOptions.SectionName).Get<SagaDashboardOptions>() is not { Enabled: false })
        {
            silo.AddDashboard();
        }

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
        silo.AddMySqlGrainStorage(SagaStreams.StorageName, mySql);
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
            options.Invariant = MySqlConnectionStrings.AdoNetInvariant;
            options.ConnectionString = mySql;
        });

        // In a pod, Orleans' Kubernetes hosting names the silo after the pod, advertises the pod IP, and declares
        // dead the silos whose pods are gone; membership itself stays in MySQL. Outside a pod it is plain AdoNet.
        var inPod = clustering == ClusteringMode.Kubernetes && KubernetesEnvironment.IsInPod;
        if (inPod)
        {
            silo.UseKubernetesHosting();
        }

        if (endpoints.AdvertisedAddress is { Length: > 0 } address)
        {
            silo.ConfigureEndpoints(HostAddress.Resolve(address), endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
        }
        else if (inPod)
        {
            silo.Configure<EndpointOptions>(options =>
            {
                options.SiloPort = endpoints.SiloPort;
                options.GatewayPort = endpoints.GatewayPort;
            });
        }
        else
        {
            silo.ConfigureEndpoints(IPAddress.Loopback, endpoints.SiloPort, endpoints.GatewayPort);
        }
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
            kafka.GetSection("ProducerSettings").Bind(o.ProducerSettings);
        }));
        silo.Services.AddSingleton<IKafkaCheckpointStore, PartitionGrainCheckpointStore>();
    }
}
