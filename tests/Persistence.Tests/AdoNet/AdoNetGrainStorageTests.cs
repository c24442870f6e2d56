using MySqlConnector;
using Orleans.Saga.Persistence.Tests.Grains;
using Orleans.Saga.Persistence.Tests.Infrastructure;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orleans.Saga.Persistence.Tests.AdoNet;

/// <summary>sql/20-orleans-persistence.sql meets the contract of Orleans' ADO.NET grain storage.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class AdoNetGrainStorageTests(MariaDbFixture database)
{
    private const int LargerThanBlob = 200 * 1024;

    [SkippableFact]
    public async Task State_larger_than_64_KB_survives_a_cluster_restart()
    {
        database.SkipIfUnavailable();
        var serviceId = $"saga-tests-{Guid.NewGuid():N}";
        var first = Payload(LargerThanBlob, seed: 1);
        var second = Payload(LargerThanBlob + 10_000, seed: 2);

        var cluster = await StartClusterAsync(serviceId, deleteStateOnClear: false);
        try
        {
            var grain = cluster.Client.GetGrain<ILargeStateGrain>("large");
            await grain.WriteAsync(first);
            await grain.WriteAsync(second);
        }
        finally
        {
            await StopAsync(cluster);
        }

        // Stored compressed (random printable text shrinks by about a fifth), and still more than a BLOB column holds.
        var (length, version) = Assert.Single(await StoredRowsAsync(serviceId));
        Assert.True(length > 64 * 1024, $"stored {length} bytes");
        Assert.Equal((byte)'S', (await StoredPayloadAsync(serviceId))[0]);
        Assert.Equal(2, version);

        cluster = await StartClusterAsync(serviceId, deleteStateOnClear: false);
        try
        {
            var grain = cluster.Client.GetGrain<ILargeStateGrain>("large");
            Assert.Equal(second, await grain.ReadFromStorageAsync());

            await grain.ClearAsync();
            Assert.Null(await grain.ReadFromStorageAsync());
            Assert.Equal((null, 3), Assert.Single(await StoredRowsAsync(serviceId)));

            await grain.WriteAsync(first);
            Assert.Equal(first, await grain.ReadFromStorageAsync());
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    [SkippableFact]
    public async Task Clearing_with_DeleteStateOnClear_deletes_the_row_and_a_new_write_starts_over()
    {
        database.SkipIfUnavailable();
        var serviceId = $"saga-tests-{Guid.NewGuid():N}";
        var cluster = await StartClusterAsync(serviceId, deleteStateOnClear: true);
        try
        {
            var grain = cluster.Client.GetGrain<ILargeStateGrain>("deleted");
            await grain.WriteAsync(Payload(LargerThanBlob, seed: 3));

            await grain.ClearAsync();
            Assert.Empty(await StoredRowsAsync(serviceId));
            Assert.Null(await grain.ReadFromStorageAsync());

            await grain.WriteAsync("again");
            Assert.Equal("again", await grain.ReadFromStorageAsync());
            Assert.Equal(1, Assert.Single(await StoredRowsAsync(serviceId)).Version);
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    [SkippableFact]
    public async Task A_write_over_a_newer_version_fails_with_InconsistentStateException()
    {
        database.SkipIfUnavailable();
        var serviceId = $"saga-tests-{Guid.NewGuid():N}";
        var cluster = await StartClusterAsync(serviceId, deleteStateOnClear: false);
        try
        {
            var grain = cluster.Client.GetGrain<ILargeStateGrain>("contended");
            await grain.WriteAsync("mine");

            // Someone else (a duplicate activation, say) wrote in between.
            await using (var connection = await database.OpenConnectionAsync())
            await using (var command = new MySqlCommand("UPDATE OrleansStorage SET Version = Version + 1 WHERE ServiceId = @serviceId", connection))
            {
                command.Parameters.AddWithValue("@serviceId", serviceId);
                Assert.Equal(1, await command.ExecuteNonQueryAsync());
            }

            await Assert.ThrowsAsync<InconsistentStateException>(() => grain.WriteAsync("stale"));
            Assert.Equal("mine", await grain.ReadFromStorageAsync());
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    [SkippableFact]
    public async Task State_written_as_json_by_earlier_versions_is_read_and_rewritten_in_the_binary_format()
    {
        database.SkipIfUnavailable();
        var serviceId = $"saga-tests-{Guid.NewGuid():N}";
        var cluster = await StartClusterAsync(serviceId, deleteStateOnClear: false, providerDefaults: true);
        try
        {
            await cluster.Client.GetGrain<ILargeStateGrain>("upgraded").WriteAsync("written as JSON");
        }
        finally
        {
            await StopAsync(cluster);
        }

        Assert.Equal((byte)'{', (await StoredPayloadAsync(serviceId))[0]);

        cluster = await StartClusterAsync(serviceId, deleteStateOnClear: false);
        try
        {
            var grain = cluster.Client.GetGrain<ILargeStateGrain>("upgraded");
            Assert.Equal("written as JSON", await grain.ReadFromStorageAsync());

            await grain.WriteAsync("written in the binary format");
            Assert.Equal("written in the binary format", await grain.ReadFromStorageAsync());
        }
        finally
        {
            await StopAsync(cluster);
        }

        var payload = await StoredPayloadAsync(serviceId);
        Assert.NotEqual((byte)'{', payload[0]);
        Assert.DoesNotContain("\"$type\"", System.Text.Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
    }

    private async Task<TestCluster> StartClusterAsync(string serviceId, bool deleteStateOnClear, bool providerDefaults = false)
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[AdoNetTestSettings.ConnectionStringKey] = database.ConnectionString;
        builder.Properties[AdoNetTestSettings.DeleteStateOnClearKey] = deleteStateOnClear.ToString();
        builder.Properties[AdoNetTestSettings.ProviderDefaultsKey] = providerDefaults.ToString();
        builder.AddSiloBuilderConfigurator<AdoNetGrainStorageConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task StopAsync(TestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    private async Task<List<(long? Length, int Version)>> StoredRowsAsync(string serviceId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT OCTET_LENGTH(PayloadBinary), Version FROM OrleansStorage WHERE ServiceId = @serviceId", connection);
        command.Parameters.AddWithValue("@serviceId", serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long?, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt32(1)));
        }

        return rows;
    }

    private async Task<byte[]> StoredPayloadAsync(string serviceId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT PayloadBinary FROM OrleansStorage WHERE ServiceId = @serviceId", connection);
        command.Parameters.AddWithValue("@serviceId", serviceId);
        return (byte[])(await command.ExecuteScalarAsync())!;
    }

    private static string Payload(int length, int seed)
    {
        var random = new Random(seed);
        return string.Create(length, random, (characters, r) =>
        {
            for (var i = 0; i < characters.Length; i++)
            {
                characters[i] = (char)r.Next('!', '~' + 1);
            }
        });
    }
}
