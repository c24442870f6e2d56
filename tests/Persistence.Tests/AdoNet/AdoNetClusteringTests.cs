using MySqlConnector;
using Orleans.Saga.Persistence.Tests.Grains;
using Orleans.Saga.Persistence.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Orleans.Saga.Persistence.Tests.AdoNet;

/// <summary>sql/30-orleans-clustering.sql meets the contract of Orleans' ADO.NET clustering.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class AdoNetClusteringTests(MariaDbFixture database)
{
    private const int Active = 3;
    private const int Dead = 6;

    [SkippableFact]
    public async Task Silos_join_through_MySQL_membership_and_a_client_finds_them_there()
    {
        database.SkipIfUnavailable();
        var clusterId = $"saga-tests-{Guid.NewGuid():N}";
        var builder = new TestClusterBuilder(2);
        builder.Options.ClusterId = clusterId;
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[AdoNetTestSettings.ConnectionStringKey] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<AdoNetClusteringSiloConfigurator>();
        builder.AddClientBuilderConfigurator<AdoNetClusteringClientConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();

            Assert.NotEmpty(await cluster.Client.GetGrain<IPingGrain>(0).PingAsync());
            var statuses = await SiloStatusesAsync(clusterId);
            Assert.Equal([Active, Active], statuses.Values);
            Assert.True(await TableVersionAsync(clusterId) >= 2, "each join bumps the table version");

            var leaving = cluster.Silos[1];
            await cluster.StopSiloAsync(leaving);
            statuses = await SiloStatusesAsync(clusterId);
            Assert.Equal(Dead, statuses[leaving.SiloAddress.Endpoint.Port]);
            Assert.Equal(1, statuses.Values.Count(status => status == Active));

            Assert.NotEmpty(await cluster.Client.GetGrain<IPingGrain>(1).PingAsync());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private async Task<SortedDictionary<int, int>> SiloStatusesAsync(string clusterId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT Port, Status FROM OrleansMembershipTable WHERE DeploymentId = @clusterId", connection);
        command.Parameters.AddWithValue("@clusterId", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new SortedDictionary<int, int>();
        while (await reader.ReadAsync())
        {
            statuses[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return statuses;
    }

    private async Task<int> TableVersionAsync(string clusterId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = @clusterId", connection);
        command.Parameters.AddWithValue("@clusterId", clusterId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
