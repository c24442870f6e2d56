using MySqlConnector;
using Orleans.Saga.Persistence.Tests.Infrastructure;

namespace Orleans.Saga.Persistence.Tests.AdoNet;

/// <summary>
/// The grain-storage queries of sql/20-orleans-persistence.sql run directly, as Orleans runs them,
/// in the situations a single-silo test cannot produce: racing first writes and hash collisions.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class GrainStorageQueryTests(MariaDbFixture database)
{
    [SkippableTheory]
    [InlineData("REPEATABLE READ")]
    [InlineData("READ COMMITTED")]
    public async Task A_first_write_racing_another_neither_duplicates_the_grain_nor_wins(string isolationLevel)
    {
        database.SkipIfUnavailable();
        var grain = new GrainKey(ServiceId: $"race-{Guid.NewGuid():N}", Extension: "racer");
        var writeQuery = await QueryAsync("WriteToStorageKey");

        // The other first write is half done: its row is inserted but not committed.
        await using var other = await database.OpenConnectionAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        await using (var insert = new MySqlCommand(
            """
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
            VALUES (@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                @GrainIdExtensionString, @ServiceId, 0x01, UTC_TIMESTAMP(3), 1)
            """,
            other,
            otherTransaction))
        {
            grain.AddTo(insert);
            await insert.ExecuteNonQueryAsync();
        }

        await using var connection = await database.OpenConnectionAsync();
        await using (var isolation = new MySqlCommand($"SET SESSION TRANSACTION ISOLATION LEVEL {isolationLevel}", connection))
        {
            await isolation.ExecuteNonQueryAsync();
        }

        var write = WriteAsync(connection, writeQuery, grain, version: null, payload: [2]);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await otherTransaction.CommitAsync();

        // The write waits for the other's uncommitted row on the grain's unique key, then loses to it:
        // nothing else stops a second row.
        try
        {
            Assert.Null(await write);
        }
        catch (MySqlException exception) when (exception.ErrorCode is MySqlErrorCode.DuplicateKeyEntry or MySqlErrorCode.LockDeadlock)
        {
        }

        Assert.Equal(1, await RowCountAsync(grain));
        await AssertNoLockHeldAsync(grain);
    }

    [SkippableFact]
    public async Task Versions_advance_one_write_at_a_time_and_a_stale_version_changes_nothing()
    {
        database.SkipIfUnavailable();
        var grain = new GrainKey(ServiceId: $"versions-{Guid.NewGuid():N}", Extension: null);
        var writeQuery = await QueryAsync("WriteToStorageKey");
        await using var connection = await database.OpenConnectionAsync();

        Assert.Equal(1, await WriteAsync(connection, writeQuery, grain, version: null, payload: [1]));
        Assert.Null(await WriteAsync(connection, writeQuery, grain, version: null, payload: [9]));
        Assert.Equal(2, await WriteAsync(connection, writeQuery, grain, version: 1, payload: [2]));
        Assert.Equal(1, await WriteAsync(connection, writeQuery, grain, version: 1, payload: [9]));

        var (payload, version) = await ReadAsync(connection, grain);
        Assert.NotNull(payload);
        Assert.Equal([2], payload);
        Assert.Equal(2, version);
    }

    [SkippableFact]
    public async Task The_placeholder_of_an_unfinished_first_write_reads_as_no_state_and_is_written_over_once()
    {
        // A write opens no transaction, so a first write cut off between its insert and its update leaves its
        // placeholder behind (no payload, version 0), as a cleared grain's row looks.
        database.SkipIfUnavailable();
        var grain = new GrainKey(ServiceId: $"placeholder-{Guid.NewGuid():N}", Extension: "cut-off");
        var writeQuery = await QueryAsync("WriteToStorageKey");
        await using var connection = await database.OpenConnectionAsync();
        await using (var insert = new MySqlCommand(
            """
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
            VALUES (@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                @GrainIdExtensionString, @ServiceId, NULL, UTC_TIMESTAMP(3), 0)
            """,
            connection))
        {
            grain.AddTo(insert);
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal((null, 0), await ReadAsync(connection, grain));
        Assert.Null(await WriteAsync(connection, writeQuery, grain, version: null, payload: [9]));
        Assert.Equal(1, await WriteAsync(connection, writeQuery, grain, version: 0, payload: [1]));

        // The version passed in comes back: somebody else wrote first.
        Assert.Equal(0, await WriteAsync(connection, writeQuery, grain, version: 0, payload: [9]));

        var (payload, version) = await ReadAsync(connection, grain);
        Assert.Equal([1], payload!);
        Assert.Equal(1, version);
        Assert.Equal(1, await RowCountAsync(grain));
    }

    [SkippableFact]
    public async Task Grains_whose_hashes_collide_keep_separate_rows_told_apart_exactly()
    {
        database.SkipIfUnavailable();
        var serviceId = $"collide-{Guid.NewGuid():N}";
        // Same hashes (as a collision would give), keys differing only in case or by NULL.
        GrainKey[] grains = [new(serviceId, "Key"), new(serviceId, "key"), new(serviceId, null)];
        var writeQuery = await QueryAsync("WriteToStorageKey");
        await using var connection = await database.OpenConnectionAsync();

        for (var i = 0; i < grains.Length; i++)
        {
            Assert.Equal(1, await WriteAsync(connection, writeQuery, grains[i], version: null, payload: [(byte)i]));
        }

        for (var i = 0; i < grains.Length; i++)
        {
            var (payload, version) = await ReadAsync(connection, grains[i]);
            Assert.NotNull(payload);
            Assert.Equal([(byte)i], payload);
            Assert.Equal(1, version);
        }
    }

    [SkippableFact]
    public async Task Concurrent_first_writes_of_distinct_grains_never_deadlock()
    {
        // Grains that open together (a silo's partitions at start, the ranking grains of a new window) write their
        // first state at once, into neighbouring places of the index; a first write must not lock more than its
        // own row, or two of them deadlock and one of the writes fails.
        database.SkipIfUnavailable();
        var serviceId = $"first-writes-{Guid.NewGuid():N}";
        var grains = Enumerable.Range(0, 64).Select(i => new GrainKey(serviceId, Extension: null, IdHash: 1000 + 2 * i, N0: i)).ToList();
        var writeQuery = await QueryAsync("WriteToStorageKey");
        var connections = await Task.WhenAll(grains.Select(_ => database.OpenConnectionAsync()));
        try
        {
            var versions = await Task.WhenAll(grains.Select((grain, i) => WriteAsync(connections[i], writeQuery, grain, version: null, payload: [(byte)i])));

            Assert.All(versions, version => Assert.Equal(1, version));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed record GrainKey(string ServiceId, string? Extension, int IdHash = 42, long N0 = 7)
    {
        public void AddTo(MySqlCommand command)
        {
            command.Parameters.AddWithValue("@GrainIdHash", IdHash);
            command.Parameters.AddWithValue("@GrainIdN0", N0);
            command.Parameters.AddWithValue("@GrainIdN1", 8L);
            command.Parameters.AddWithValue("@GrainTypeHash", 99);
            command.Parameters.AddWithValue("@GrainTypeString", "Orleans.Saga.Tests.RacingGrain");
            command.Parameters.AddWithValue("@GrainIdExtensionString", Extension);
            command.Parameters.AddWithValue("@ServiceId", ServiceId);
        }
    }

    /// <summary>Locks the grain's row from a new session, which fails if a write left its transaction open.</summary>
    private async Task AssertNoLockHeldAsync(GrainKey grain)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using (var timeout = new MySqlCommand("SET SESSION innodb_lock_wait_timeout = 2", connection))
        {
            await timeout.ExecuteNonQueryAsync();
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new MySqlCommand(
            "SELECT Version FROM OrleansStorage WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId FOR UPDATE",
            connection,
            transaction);
        grain.AddTo(command);
        await command.ExecuteScalarAsync();
        await transaction.RollbackAsync();
    }

    private async Task<string> QueryAsync(string key)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        command.Parameters.AddWithValue("@key", key);
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No query {key}."));
    }

    private static async Task<int?> WriteAsync(MySqlConnection connection, string query, GrainKey grain, int? version, byte[] payload)
    {
        await using var command = new MySqlCommand(query, connection);
        grain.AddTo(command);
        command.Parameters.AddWithValue("@GrainStateVersion", version);
        command.Parameters.AddWithValue("@PayloadBinary", payload);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? null : Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<(byte[]? Payload, int Version)> ReadAsync(MySqlConnection connection, GrainKey grain)
    {
        await using var command = new MySqlCommand(await QueryAsync("ReadFromStorageKey"), connection);
        grain.AddTo(command);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var row = (reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0), reader.GetInt32(1));
        Assert.False(await reader.ReadAsync());
        return row;
    }

    private async Task<long> RowCountAsync(GrainKey grain)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM OrleansStorage WHERE ServiceId = @serviceId", connection);
        command.Parameters.AddWithValue("@serviceId", grain.ServiceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
