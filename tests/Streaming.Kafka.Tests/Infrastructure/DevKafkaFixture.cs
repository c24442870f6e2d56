using System.Threading;

namespace Orleans.Saga.Streaming.Kafka.Tests;

/// <summary>One dev broker for the tests that need one; they run one at a time, each on topics of its own.</summary>
public sealed class DevKafkaFixture : IAsyncLifetime
{
    private static int s_topics;

    public DevKafkaBroker Broker { get; private set; } = null!;

    public async Task InitializeAsync() => Broker = await DevKafkaBroker.StartAsync("events:4,events-dlq:1");

    public async Task DisposeAsync() => await Broker.DisposeAsync();

    /// <summary>Creates a topic no other test uses.</summary>
    public async Task<string> CreateTopicAsync(string purpose, int partitions)
    {
        var name = $"{purpose}-{Interlocked.Increment(ref s_topics)}";
        await Broker.CreateTopicAsync(name, partitions);
        return name;
    }
}

[CollectionDefinition(Name)]
public sealed class DevKafkaCollection : ICollectionFixture<DevKafkaFixture>
{
    public const string Name = "dev broker";
}
