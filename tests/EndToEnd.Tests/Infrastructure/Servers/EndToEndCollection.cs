namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>
/// Every end-to-end test: they share the servers and run one at a time, since each runs a two-silo cluster at full
/// speed on a small machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndServers>
{
    public const string Name = "end to end";
}
