using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Saga.Streaming.Kafka.Tests;

[Collection(DevKafkaCollection.Name)]
public sealed class KafkaDeadLetterPublisherTests(DevKafkaFixture kafka)
{
    private static readonly KafkaRecord Rejected = new()
    {
        Topic = "events",
        Partition = 3,
        Offset = 41,
        PrecedingPosition = 41,
        TimestampMs = 1_700_000_000_123,
        Key = "key-7"u8.ToArray(),
        Value = "{\"id\": 12, not json"u8.ToArray(),
        Headers = [new KafkaHeader("trace", "abc"u8.ToArray())],
    };

    [Fact]
    public async Task Publishes_the_record_unchanged_with_its_own_headers_and_the_dead_letter_headers()
    {
        var topic = await kafka.CreateTopicAsync("dlq", partitions: 1);
        await using var services = Services(topic, TimeSpan.FromSeconds(30));

        await services.GetRequiredService<IDeadLetterPublisher>().PublishAsync(Rejected, "invalid-json", "'n' is an invalid start of a property name.", CancellationToken.None);

        var message = Assert.Single(ReadAll(topic));
        Assert.Equal(Rejected.Key, message.Key);
        Assert.Equal(Rejected.Value, message.Value);
        Assert.Equal(
            [
                ("trace", "abc"),
                (DeadLetterHeaders.Reason, "invalid-json"),
                (DeadLetterHeaders.Detail, "'n' is an invalid start of a property name."),
                (DeadLetterHeaders.SourceTopic, "events"),
                (DeadLetterHeaders.SourcePartition, "3"),
                (DeadLetterHeaders.SourceOffset, "41"),
                (DeadLetterHeaders.SourceTimestamp, "1700000000123"),
            ],
            message.Headers.Select(header => (header.Key, Encoding.UTF8.GetString(header.GetValueBytes()))));
    }

    [Fact]
    public async Task Keeps_retrying_while_the_broker_is_down_and_publishes_once_it_is_back()
    {
        var topic = await kafka.CreateTopicAsync("dlq", partitions: 1);
        await using var services = Services(topic, deliveryTimeout: TimeSpan.FromSeconds(1));
        var publisher = services.GetRequiredService<IDeadLetterPublisher>();

        await kafka.Broker.DownAsync();
        Task publishing;
        try
        {
            publishing = publisher.PublishAsync(Rejected, "late", "window closed", CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(publishing.IsCompleted, "published while the broker was down");
        }
        finally
        {
            await kafka.Broker.UpAsync();
        }

        await publishing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(ReadAll(topic), message => message.Value.SequenceEqual(Rejected.Value));
    }

    private ServiceProvider Services(string topic, TimeSpan deliveryTimeout)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddKafkaDeadLetters(options => options.Configure(dlq =>
        {
            dlq.BootstrapServers = kafka.Broker.BootstrapServers;
            dlq.Topic = topic;
            dlq.DeliveryTimeout = deliveryTimeout;
            dlq.MaxRetryDelay = TimeSpan.FromMilliseconds(500);
        }));
        return services.BuildServiceProvider();
    }

    private List<Message<byte[], byte[]>> ReadAll(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.Broker.BootstrapServers,
            GroupId = "dlq-reader",
            EnableAutoCommit = false,
        }).Build();
        var partition = new TopicPartition(topic, 0);
        var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).High.Value;
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var messages = new List<Message<byte[], byte[]>>();
        while (messages.Count < end && consumer.Consume(TimeSpan.FromSeconds(5)) is { } result)
        {
            messages.Add(result.Message);
        }

        return messages;
    }
}
