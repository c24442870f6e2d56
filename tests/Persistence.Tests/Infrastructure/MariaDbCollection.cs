namespace Orleans.Saga.Persistence.Tests.Infrastructure;

/// <summary>Tests that share one <see cref="MariaDbFixture"/> (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    public const string Name = "MariaDB";
}
