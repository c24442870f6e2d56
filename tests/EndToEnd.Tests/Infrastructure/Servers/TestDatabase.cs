using MySqlConnector;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>
/// A database of one test (<c>saga_&lt;guid&gt;</c>) with the full schema, usable by the <c>saga</c> account;
/// dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly MySqlServer _server;

    private TestDatabase(MySqlServer server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new MySqlConnectionStringBuilder(server.AppConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The <c>saga</c> account on this database.</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(MySqlServer server)
    {
        var database = new TestDatabase(server, $"saga_{Guid.NewGuid():N}");
        await server.ExecuteAsRootAsync(
            SchemaScripts.For(database.Name)
            + $"GRANT SELECT, INSERT, UPDATE, DELETE ON `{database.Name}`.* TO 'saga'@'localhost', 'saga'@'127.0.0.1';\n");
        return database;
    }

    /// <summary>Every row of <c>kafka_streams</c>.</summary>
    public async Task<IReadOnlyList<StoredRow>> ReadRowsAsync()
    {
        var builder = new MySqlConnectionStringBuilder(ConnectionString) { DateTimeKind = MySqlDateTimeKind.Utc, Pooling = false };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT window_start, window_end, label, saga_characters, total_views_per_character, top_5, is_final FROM kafka_streams",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRow(
                UnixSeconds(reader.GetDateTime(0)),
                UnixSeconds(reader.GetDateTime(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4),
                reader.GetInt32(5),
                reader.GetBoolean(6)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _server.ExecuteAsRootAsync($"DROP DATABASE IF EXISTS `{Name}`;");
        }
        catch (InvalidOperationException exception)
        {
            TestEnvironment.Warn($"could not drop database {Name}: {exception.Message}");
        }
    }

    private static long UnixSeconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
