using System.Text;
using Confluent.Kafka;

namespace Orleans.Saga.Streaming.Kafka.Tests;

/// <summary>A plain Confluent producer, as any other application would write the topic.</summary>
public sealed class TestProducer(string bootstrapServers) : IDisposable
{
    private readonly IProducer<byte[]?, byte[]> _producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        LingerMs = 5,
        MessageTimeoutMs = 120_000,
    }).Build();

    /// <summary>Produces <paramref name="count"/> JSON records to each of <paramref name="partitions"/>, in order.</summary>
    public async Task ProduceAsync(string topic, IEnumerable<int> partitions, int count, string tag = "r")
    {
        var sends = new List<Task>();
        foreach (var partition in partitions)
        {
            for (var i = 0; i < count; i++)
            {
                var value = Encoding.UTF8.GetBytes($$"""{"id":"{{tag}}-{{partition}}-{{i}}","time":{{1_700_000_000 + i}},"text":"record {{i}}"}""");
                sends.Add(_producer.ProduceAsync(new TopicPartition(topic, partition), new Message<byte[]?, byte[]> { Key = null, Value = value }));
            }
        }

        await Task.WhenAll(sends);
    }

    public Task<DeliveryResult<byte[]?, byte[]>> ProduceAsync(string topic, int partition, byte[]? key, byte[] value, Headers? headers = null) =>
        _producer.ProduceAsync(new TopicPartition(topic, partition), new Message<byte[]?, byte[]> { Key = key, Value = value, Headers = headers });

    public void Dispose() => _producer.Dispose();
}
