namespace Orleans.Saga.DevKafka;

/// <summary>The <c>status</c> reply.</summary>
internal sealed record BrokerStatus(
    string State,
    string Bootstrap,
    IReadOnlyList<BrokerStatus.Broker> Brokers,
    IReadOnlyList<TopicInfo> Topics,
    string Librdkafka)
{
    /// <param name="Endpoint">The fixed endpoint clients use.</param>
    /// <param name="MockEndpoint">The mock broker's own random port behind the relay.</param>
    /// <param name="Connections">Client connections relayed right now.</param>
    public sealed record Broker(int Id, string Endpoint, string MockEndpoint, int Connections);
}
