using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Servers;

/// <summary>
/// Every fault scenario: they share the dev broker and the MySQL server of the end-to-end tests (scripts/test.sh's, or
/// ones the fixture starts), each with topics and a database of its own, and run one at a time: each runs several
/// silo processes on a small machine. A scenario whose fault hits a server brings a server of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<EndToEndServers>
{
    public const string Name = "faults";
}
