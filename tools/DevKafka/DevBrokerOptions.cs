using System.Net;

namespace Orleans.Saga.DevKafka;

/// <summary>What <c>devkafka</c> was asked to run; see <see cref="DevKafkaCommand"/> for the flags and defaults.</summary>
internal sealed record DevBrokerOptions
{
    public const int MaxBrokers = 16;

    /// <summary>The fixed endpoint of broker 1; broker <c>i</c> listens on the same address at port + i - 1.</summary>
    public required IPEndPoint Listen { get; init; }

    public required int Brokers { get; init; }

    /// <summary>The control channel: <see cref="ExplicitControl"/>, or by default the port after the last broker's.</summary>
    public IPEndPoint Control => ExplicitControl ?? new IPEndPoint(Listen.Address, Listen.Port + Brokers);

    public IPEndPoint? ExplicitControl { get; init; }

    public required IReadOnlyList<TopicSpec> Topics { get; init; }

    public string? PidFile { get; init; }

    public string? ReadyFile { get; init; }

    /// <summary>Checks what single flags cannot: the ports fit and do not collide. Returns the problem, if any.</summary>
    public string? Validate()
    {
        var lastBrokerPort = Listen.Port + Brokers - 1;
        if (lastBrokerPort > IPEndPoint.MaxPort)
        {
            return $"--listen port {Listen.Port} leaves no room for {Brokers} broker ports.";
        }

        if (ExplicitControl is null && lastBrokerPort + 1 > IPEndPoint.MaxPort)
        {
            return $"--listen port {Listen.Port} leaves no room for the default control port; pass --control.";
        }

        if (Control.Port >= Listen.Port && Control.Port <= lastBrokerPort && Control.Address.Equals(Listen.Address))
        {
            return $"--control {Control} collides with the broker ports {Listen.Port}..{lastBrokerPort}.";
        }

        return null;
    }

    /// <summary>The fixed endpoint clients use for broker <paramref name="brokerId"/> (1-based).</summary>
    public IPEndPoint BrokerEndpoint(int brokerId) => new(Listen.Address, Listen.Port + brokerId - 1);
}
