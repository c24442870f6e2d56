using MySqlConnector;
using Orleans.Saga.Persistence.Tests.Infrastructure;

namespace Orleans.Saga.Persistence.Tests.Schema;

[Collection(MariaDbCollection.Name)]
public sealed class SchemaTests(MariaDbFixture database)
{
    /// <summary>What Orleans 10.4's ADO.NET persistence and clustering look up in OrleansQuery.</summary>
    private static readonly string[] OrleansQueryKeys =
    [
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];

    [SkippableFact]
    public async Task The_schema_applies_again_without_error_or_loss()
    {
        database.SkipIfUnavailable();
        database.SkipIfNotRoot();
        var label = $"schema-{Guid.NewGuid():N}";
        await using (var connection = await database.OpenConnectionAsync())
        {
            await ExecuteAsync(connection, "INSERT INTO kafka_streams VALUES ('2031-01-01 00:00:00', '2031-01-01 00:05:00', @label, 'A', 1, 1, 1, UTC_TIMESTAMP(3))", label);
        }

        for (var run = 0; run < 2; run++)
        {
            var result = await ScriptRunner.RunAsync(RepositoryPaths.ApplySchemaScript, ["--socket", database.RootSocket!, "--user", "root"], TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("50-app-user.sql", result.StandardOutput);
        }

        await using var after = await database.OpenConnectionAsync();
        Assert.Equal(1L, await ScalarAsync(after, "SELECT COUNT(*) FROM kafka_streams WHERE label = @label", label));
        Assert.Equal((long)OrleansQueryKeys.Length, await ScalarAsync(after, "SELECT COUNT(*) FROM OrleansQuery"));
    }

    [SkippableFact]
    public async Task The_query_catalog_holds_every_key_Orleans_reads_and_nothing_MySqlConnector_would_misread()
    {
        database.SkipIfUnavailable();
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        var queries = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                queries[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.Equal(OrleansQueryKeys.Order(StringComparer.Ordinal), queries.Keys.Order(StringComparer.Ordinal));
        // '?' is a positional parameter to MySqlConnector, DELIMITER a client-only command.
        Assert.All(queries.Values, text => Assert.DoesNotContain("?", text, StringComparison.Ordinal));
        Assert.All(queries.Values, text => Assert.DoesNotContain("DELIMITER", text, StringComparison.OrdinalIgnoreCase));
    }

    [SkippableTheory]
    [InlineData("CREATE TABLE seedtag.intruder (id INT)")]
    [InlineData("DROP TABLE kafka_streams")]
    [InlineData("ALTER TABLE kafka_streams ADD COLUMN intruder INT")]
    [InlineData("TRUNCATE TABLE kafka_streams")]
    [InlineData("CREATE DATABASE intruder")]
    [InlineData("CREATE USER 'intruder'@'localhost'")]
    [InlineData("GRANT ALL ON seedtag.* TO 'saga'@'127.0.0.1'")]
    [InlineData("SELECT COUNT(*) FROM mysql.user")]
    public async Task The_application_account_can_only_read_and_write_rows(string statement)
    {
        database.SkipIfUnavailable();
        await using var connection = await database.OpenConnectionAsync();

        var denied = await Assert.ThrowsAsync<MySqlException>(() => ExecuteAsync(connection, statement));

        Assert.Contains(denied.ErrorCode, new[]
        {
            MySqlErrorCode.TableAccessDenied, MySqlErrorCode.DatabaseAccessDenied, MySqlErrorCode.AccessDenied,
            MySqlErrorCode.SpecifiedAccessDeniedError, MySqlErrorCode.NoPermissionToCreateUser,
        });
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'intruder'"));
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, string? label = null)
    {
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@label", label);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(MySqlConnection connection, string sql, string? label = null)
    {
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@label", label);
        return await command.ExecuteScalarAsync();
    }
}
