using System.Net.Sockets;
using Confluent.Kafka;
using Orleans.Saga.DevKafka.Tests.Infrastructure;

namespace Orleans.Saga.DevKafka.Tests;

/// <summary><c>down</c>/<c>up</c> on a broker of its own: an outage that loses nothing.</summary>
public sealed class DownUpTests : IAsyncLifetime
{
    private DevKafkaProcess _broker = null!;

    public async Task InitializeAsync() => _broker = await DevKafkaProcess.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Down_fails_delivery_and_up_restores_it_with_earlier_records_intact()
    {
        var partition = new TopicPartition("events", 1);
        using var producer = KafkaClients.Producer<string, string>(_broker.Bootstrap, config =>
        {
            config.MessageTimeoutMs = 3_000;
            config.ReconnectBackoffMaxMs = 500;
        });
        var before = await producer.ProduceAsync(partition, new Message<string, string> { Key = "k", Value = "before" });

        Assert.Equal("ok down", await _broker.ControlAsync("down"));
        Assert.Contains("\"state\":\"down\"", await _broker.ControlAsync("status"));
        using (var probe = new TcpClient())
        {
            var refused = await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(System.Net.IPEndPoint.Parse(_broker.Bootstrap)));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }

        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(
            () => producer.ProduceAsync(partition, new Message<string, string> { Key = "k", Value = "during" }));
        Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);

        Assert.Equal("ok up", await _broker.ControlAsync("up"));
        var after = await producer.ProduceAsync(partition, new Message<string, string> { Key = "k", Value = "after" });

        Assert.Equal(before.Offset + 1, after.Offset);
        using var consumer = KafkaClients.Consumer<string, string>(_broker.Bootstrap, "down-up-reader");
        consumer.Assign(new TopicPartitionOffset(partition, before.Offset));
        Assert.Equal(["before", "after"], KafkaClients.Consume(consumer, 2).Select(record => record.Message.Value));
    }
}
