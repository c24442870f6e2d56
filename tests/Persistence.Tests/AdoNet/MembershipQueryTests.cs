using MySqlConnector;
using Orleans.Saga.Persistence.Tests.Infrastructure;

namespace Orleans.Saga.Persistence.Tests.AdoNet;

/// <summary>
/// The membership queries of sql/30-orleans-clustering.sql run directly, as Orleans runs them, on
/// the conflicts a healthy test cluster never has: stale table versions and rows changed under a cleanup.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MembershipQueryTests(MariaDbFixture database)
{
    private const int Active = 3;
    private const int Dead = 6;
    private static readonly DateTime StartTime = new(2030, 5, 1, 12, 0, 0, 123, DateTimeKind.Utc);

    [SkippableFact]
    public async Task Inserting_a_silo_bumps_the_table_version_or_changes_nothing()
    {
        database.SkipIfUnavailable();
        var cluster = $"membership-{Guid.NewGuid():N}";
        await using var connection = await database.OpenConnectionAsync();

        Assert.True(await ReadFlagAsync(connection, "InsertMembershipVersionKey", cluster));
        Assert.False(await ReadFlagAsync(connection, "InsertMembershipVersionKey", cluster));

        Assert.True(await InsertSiloAsync(connection, cluster, port: 11111, version: 0));
        Assert.False(await InsertSiloAsync(connection, cluster, port: 11112, version: 0));
        Assert.False(await InsertSiloAsync(connection, cluster, port: 11111, version: 1));

        Assert.Equal(1, await TableVersionAsync(connection, cluster));
        Assert.Equal([11111], (await SilosAsync(connection, cluster)).Keys);
    }

    [SkippableFact]
    public async Task Updating_a_silo_needs_the_current_table_version()
    {
        database.SkipIfUnavailable();
        var cluster = $"membership-{Guid.NewGuid():N}";
        await using var connection = await database.OpenConnectionAsync();
        await ReadFlagAsync(connection, "InsertMembershipVersionKey", cluster);
        await InsertSiloAsync(connection, cluster, port: 11111, version: 0);

        Assert.False(await UpdateSiloAsync(connection, cluster, port: 11111, Dead, "suspected", version: 0));
        Assert.Equal((Active, (string?)null), (await SilosAsync(connection, cluster))[11111]);

        Assert.True(await UpdateSiloAsync(connection, cluster, port: 11111, Dead, "suspected", version: 1));
        Assert.Equal((Dead, "suspected"), (await SilosAsync(connection, cluster))[11111]);
        Assert.Equal(2, await TableVersionAsync(connection, cluster));
    }

    [SkippableFact]
    public async Task Cleanup_removes_a_dead_silo_only_while_its_row_is_as_read()
    {
        database.SkipIfUnavailable();
        var cluster = $"membership-{Guid.NewGuid():N}";
        await using var connection = await database.OpenConnectionAsync();
        await ReadFlagAsync(connection, "InsertMembershipVersionKey", cluster);
        await InsertSiloAsync(connection, cluster, port: 11111, version: 0);
        await UpdateSiloAsync(connection, cluster, port: 11111, Dead, "S127.0.0.1:22222:1,2030-05-01 12:00:05.000 GMT", version: 1);

        await CleanupAsync(connection, cluster, port: 11111, suspectTimes: null);
        Assert.Single(await SilosAsync(connection, cluster));

        await CleanupAsync(connection, cluster, port: 11111, suspectTimes: "S127.0.0.1:22222:1,2030-05-01 12:00:05.000 GMT");
        Assert.Empty(await SilosAsync(connection, cluster));

        await ExecuteAsync(connection, "DeleteMembershipTableEntriesKey", command => command.Parameters.AddWithValue("@DeploymentId", cluster));
        Assert.Null(await TableVersionAsync(connection, cluster));
    }

    private static Task<bool> InsertSiloAsync(MySqlConnection connection, string cluster, int port, int version) =>
        ReadFlagAsync(connection, "InsertMembershipKey", cluster, command =>
        {
            AddSilo(command, port);
            command.Parameters.AddWithValue("@Version", version);
            command.Parameters.AddWithValue("@SiloName", $"silo-{port}");
            command.Parameters.AddWithValue("@HostName", "localhost");
            command.Parameters.AddWithValue("@Status", Active);
            command.Parameters.AddWithValue("@ProxyPort", port + 1000);
            command.Parameters.AddWithValue("@StartTime", StartTime);
            command.Parameters.AddWithValue("@IAmAliveTime", StartTime);
        });

    private static Task<bool> UpdateSiloAsync(MySqlConnection connection, string cluster, int port, int status, string suspectTimes, int version) =>
        ReadFlagAsync(connection, "UpdateMembershipKey", cluster, command =>
        {
            AddSilo(command, port);
            command.Parameters.AddWithValue("@Status", status);
            command.Parameters.AddWithValue("@SuspectTimes", suspectTimes);
            command.Parameters.AddWithValue("@IAmAliveTime", StartTime);
            command.Parameters.AddWithValue("@Version", version);
        });

    private static Task CleanupAsync(MySqlConnection connection, string cluster, int port, string? suspectTimes) =>
        ExecuteAsync(connection, "CleanupDefunctSiloEntryKey", command =>
        {
            command.Parameters.AddWithValue("@DeploymentId", cluster);
            AddSilo(command, port);
            command.Parameters.AddWithValue("@SuspectTimes", suspectTimes);
            command.Parameters.AddWithValue("@StartTime", StartTime);
            command.Parameters.AddWithValue("@IAmAliveTime", StartTime);
        });

    private static void AddSilo(MySqlCommand command, int port)
    {
        command.Parameters.AddWithValue("@Address", "127.0.0.1");
        command.Parameters.AddWithValue("@Port", port);
        command.Parameters.AddWithValue("@Generation", 1);
    }

    /// <summary>Runs a query that answers one row with one column, as Orleans reads it.</summary>
    private static async Task<bool> ReadFlagAsync(MySqlConnection connection, string key, string cluster, Action<MySqlCommand>? parameters = null)
    {
        await using var command = new MySqlCommand(await QueryTextAsync(connection, key), connection);
        command.Parameters.AddWithValue("@DeploymentId", cluster);
        parameters?.Invoke(command);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object>();
        do
        {
            while (await reader.ReadAsync())
            {
                Assert.Equal(1, reader.FieldCount);
                values.Add(reader.GetValue(0));
            }
        }
        while (await reader.NextResultAsync());

        return Convert.ToBoolean(Assert.Single(values), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string key, Action<MySqlCommand> parameters)
    {
        await using var command = new MySqlCommand(await QueryTextAsync(connection, key), connection);
        parameters(command);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> QueryTextAsync(MySqlConnection connection, string key)
    {
        await using var command = new MySqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        command.Parameters.AddWithValue("@key", key);
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No query {key}."));
    }

    private static async Task<int?> TableVersionAsync(MySqlConnection connection, string cluster)
    {
        await using var command = new MySqlCommand("SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = @cluster", connection);
        command.Parameters.AddWithValue("@cluster", cluster);
        return await command.ExecuteScalarAsync() is int version ? version : null;
    }

    private static async Task<SortedDictionary<int, (int Status, string? SuspectTimes)>> SilosAsync(MySqlConnection connection, string cluster)
    {
        await using var command = new MySqlCommand("SELECT Port, Status, SuspectTimes FROM OrleansMembershipTable WHERE DeploymentId = @cluster", connection);
        command.Parameters.AddWithValue("@cluster", cluster);
        await using var reader = await command.ExecuteReaderAsync();
        var silos = new SortedDictionary<int, (int, string?)>();
        while (await reader.ReadAsync())
        {
            silos[reader.GetInt32(0)] = (reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return silos;
    }
}
