using System.Text.Json;
using Orleans.Saga.DevKafka.Tests.Infrastructure;

namespace Orleans.Saga.DevKafka.Tests;

/// <summary>The line-based control protocol of a running dev broker.</summary>
public sealed class ControlChannelTests(DevKafkaFixture fixture) : IClassFixture<DevKafkaFixture>
{
    private DevKafkaProcess Broker => fixture.Broker;

    [Fact]
    public void Ready_line_names_the_bootstrap_and_control_endpoints()
    {
        Assert.Matches(@"^devkafka ready bootstrap=127\.0\.0\.1:\d+ control=127\.0\.0\.1:\d+$", Broker.ReadyLine);
    }

    [Fact]
    public async Task Status_reports_state_brokers_and_topics_as_json()
    {
        var reply = await Broker.ControlAsync("status");

        Assert.StartsWith("ok {", reply);
        using var status = JsonDocument.Parse(reply["ok ".Length..]);
        var root = status.RootElement;
        Assert.Equal("up", root.GetProperty("state").GetString());
        Assert.Equal(Broker.Bootstrap, root.GetProperty("bootstrap").GetString());
        var broker = Assert.Single(root.GetProperty("brokers").EnumerateArray());
        Assert.Equal(1, broker.GetProperty("id").GetInt32());
        Assert.Equal(Broker.Bootstrap, broker.GetProperty("endpoint").GetString());
        var topics = root.GetProperty("topics").EnumerateArray()
            .ToDictionary(topic => topic.GetProperty("name").GetString()!, topic => topic.GetProperty("partitions").GetInt32());
        Assert.Equal(4, topics["events"]);
        Assert.Equal(1, topics["events-dlq"]);
    }

    [Fact]
    public async Task Create_topic_makes_a_topic_that_metadata_and_status_show()
    {
        Assert.Equal("ok created orders partitions=3", await Broker.ControlAsync("create-topic orders 3"));

        using var admin = KafkaClients.Admin(Broker.Bootstrap);
        Assert.Equal(3, admin.GetMetadata("orders", TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count);
        Assert.Contains("""{"name":"orders","partitions":3}""", await Broker.ControlAsync("status"));
    }

    [Fact]
    public async Task Creating_an_existing_topic_is_an_error()
    {
        var reply = await Broker.ControlAsync("create-topic events 4");

        Assert.StartsWith("error ", reply);
        Assert.Contains("TOPIC_ALREADY_EXISTS", reply);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bogus")]
    [InlineData("create-topic only-a-name")]
    [InlineData("create-topic zero 0")]
    [InlineData("create-topic bad/name 1")]
    [InlineData("down now")]
    public async Task Malformed_commands_get_an_error_line(string command)
    {
        Assert.StartsWith("error ", await Broker.ControlAsync(command));
    }

    [Fact]
    public async Task Several_commands_share_one_connection_with_one_reply_line_each()
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(Broker.Control);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream);
        await using var writer = new StreamWriter(stream) { NewLine = "\n", AutoFlush = true };

        await writer.WriteAsync("help\nup\nbogus\n");

        Assert.StartsWith("ok commands:", await reader.ReadLineAsync());
        Assert.Equal("ok up (already)", await reader.ReadLineAsync());
        Assert.StartsWith("error ", await reader.ReadLineAsync());
    }
}
