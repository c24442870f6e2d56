using MySqlConnector;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>
/// The database one test's silos use, with the full schema and usable by the <c>saga</c> account: a database of its
/// own on a shared server (dropped on dispose), or the whole <c>seedtag</c> database of a server the test owns.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly MySqlServer _server;
    private readonly bool _dropOnDispose;

    private TestDatabase(MySqlServer server, string name, bool dropOnDispose)
    {
        _server = server;
        _dropOnDispose = dropOnDispose;
        Name = name;
        ConnectionString = new MySqlConnectionStringBuilder(server.AppConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The <c>saga</c> account on this database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates <c>saga_&lt;guid&gt;</c> on a shared server.</summary>
    public static async Task<TestDatabase> CreateAsync(MySqlServer server)
    {
        var database = new TestDatabase(server, $"saga_{Guid.NewGuid():N}", dropOnDispose: true);
        await server.ExecuteAsRootAsync(
            SchemaScripts.For(database.Name)
            + $"GRANT SELECT, INSERT, UPDATE, DELETE ON `{database.Name}`.* TO 'saga'@'localhost', 'saga'@'127.0.0.1';\n");
        return database;
    }

    /// <summary>
    /// The <c>seedtag</c> database that scripts/mariadb.sh prepared on a server of the test's own. A server the test
    /// restarts needs this: the script re-applies sql/ on every start, and its account script takes the <c>saga</c>
    /// account's grants on any other database away.
    /// </summary>
    public static TestDatabase OfOwnServer(MariaDbServer server) => new(server.Server, "seedtag", dropOnDispose: false);

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

    /// <summary>Runs one statement as the <c>saga</c> account; returns the number of rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_dropOnDispose)
        {
            return;
        }

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
