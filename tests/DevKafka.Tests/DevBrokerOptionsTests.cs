using System.Net;

namespace Orleans.Saga.DevKafka.Tests;

public sealed class DevBrokerOptionsTests
{
    [Fact]
    public void Brokers_take_consecutive_ports_and_control_defaults_to_the_next_one()
    {
        var options = Options("127.0.0.1:9092", brokers: 3);

        Assert.Equal(
            ["127.0.0.1:9092", "127.0.0.1:9093", "127.0.0.1:9094"],
            Enumerable.Range(1, 3).Select(id => options.BrokerEndpoint(id).ToString()));
        Assert.Equal("127.0.0.1:9095", options.Control.ToString());
        Assert.Null(options.Validate());
    }

    [Fact]
    public void An_explicit_control_endpoint_wins() =>
        Assert.Equal("127.0.0.1:7000", (Options("127.0.0.1:9092") with { ExplicitControl = IPEndPoint.Parse("127.0.0.1:7000") }).Control.ToString());

    [Fact]
    public void A_control_port_among_the_broker_ports_is_rejected() =>
        Assert.Contains("collides", (Options("127.0.0.1:9092", brokers: 3) with { ExplicitControl = IPEndPoint.Parse("127.0.0.1:9093") }).Validate());

    [Fact]
    public void Broker_ports_past_65535_are_rejected() =>
        Assert.Contains("no room", Options("127.0.0.1:65534", brokers: 3).Validate());

    [Fact]
    public void A_default_control_port_past_65535_is_rejected() =>
        Assert.Contains("pass --control", Options("127.0.0.1:65535", brokers: 1).Validate());

    private static DevBrokerOptions Options(string listen, int brokers = 1) => new()
    {
        Listen = IPEndPoint.Parse(listen),
        Brokers = brokers,
        Topics = [],
    };
}
