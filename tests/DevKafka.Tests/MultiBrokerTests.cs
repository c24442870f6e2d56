using Confluent.Kafka;
using Orleans.Saga.DevKafka.Tests.Infrastructure;

namespace Orleans.Saga.DevKafka.Tests;

/// <summary><c>--brokers 3</c>: each broker on its own fixed port, partition leaders spread over them.</summary>
public sealed class MultiBrokerTests : IAsyncLifetime
{
    private DevKafkaProcess _broker = null!;

    public async Task InitializeAsync() => _broker = await DevKafkaProcess.StartAsync(3, "--topics", "events:6");

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Each_broker_advertises_its_own_fixed_port_and_serves_its_partitions()
    {
        var endpoints = _broker.Bootstrap.Split(',');
        Assert.Equal(3, endpoints.Length);
        var firstPort = int.Parse(endpoints[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["127.0.0.1:" + firstPort, "127.0.0.1:" + (firstPort + 1), "127.0.0.1:" + (firstPort + 2)], endpoints);

        using var admin = KafkaClients.Admin(endpoints[0]);
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        Assert.Equal(endpoints, metadata.Brokers.OrderBy(broker => broker.BrokerId).Select(broker => $"{broker.Host}:{broker.Port}"));
        var events = metadata.Topics.Single(topic => topic.Topic == "events");
        Assert.True(events.Partitions.Select(partition => partition.Leader).Distinct().Count() > 1, "leaders should spread over brokers");

        using (var producer = KafkaClients.Producer<string, string>(endpoints[0]))
        {
            for (var partition = 0; partition < 6; partition++)
            {
                await producer.ProduceAsync(new TopicPartition("events", partition), new Message<string, string> { Key = "k", Value = $"p{partition}" });
            }
        }

        using var consumer = KafkaClients.Consumer<string, string>(endpoints[2], "multi-reader");
        consumer.Assign(Enumerable.Range(0, 6).Select(partition => new TopicPartitionOffset("events", partition, 0)));
        Assert.Equal(
            Enumerable.Range(0, 6).Select(partition => $"{partition}:p{partition}"),
            KafkaClients.Consume(consumer, 6).Select(record => $"{record.Partition.Value}:{record.Message.Value}").Order(StringComparer.Ordinal));
    }
}
