using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>A test cluster running the real grains over memory streams, with fast intervals.</summary>
public sealed class SagaCluster : IAsyncDisposable
{
    /// <summary>Window and pipeline settings used by the cluster, in the configuration's key format.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Saga:Windows:Size"] = "00:05:00",
        ["Saga:Windows:AllowedLateness"] = "00:10:00",
        ["Saga:Windows:IdleTimeout"] = "00:00:03",
        ["Saga:Windows:TopN"] = "5",
        ["Saga:CheckpointInterval"] = "00:00:00.250",
        ["Saga:FlushInterval"] = "00:00:00.250",
        ["Saga:PartitionStaleAfter"] = "00:00:05",
    };

    private readonly string _charactersPath;
    private readonly string _storesKey;

    private SagaCluster(TestCluster cluster, string charactersPath, string storesKey)
    {
        Cluster = cluster;
        _charactersPath = charactersPath;
        _storesKey = storesKey;
    }

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public TestStores Stores => TestStores.For(_storesKey);

    public static async Task<SagaCluster> StartAsync(int silos = 2, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var charactersPath = TestCharacters.WriteFile();
        var storesKey = Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Saga:Characters:Path"] = charactersPath,
            [TestStores.KeySetting] = storesKey,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = new TestClusterBuilder((short)silos);
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<SagaTestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<SagaTestClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SagaCluster(cluster, charactersPath, storesKey);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        TestStores.Forget(_storesKey);
        File.Delete(_charactersPath);
    }
}
