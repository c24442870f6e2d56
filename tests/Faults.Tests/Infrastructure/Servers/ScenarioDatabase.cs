using MySqlConnector;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Servers;

/// <summary>
/// The database a scenario's silos keep their state, membership and rows in: a database of its own on the shared
/// server (dropped on dispose), or <c>seedtag</c> itself on a server the scenario runs for itself — the one to use when
/// the scenario restarts that server, since scripts/mariadb.sh resets the app account's grants to <c>seedtag</c> on
/// every start.
/// </summary>
public sealed class ScenarioDatabase : IAsyncDisposable
{
    private readonly TestDatabase? _own;

    private ScenarioDatabase(string name, string connectionString, TestDatabase? own)
    {
        Name = name;
        ConnectionString = connectionString;
        _own = own;
    }

    public string Name { get; }

    /// <summary>The <c>saga</c> account on this database.</summary>
    public string ConnectionString { get; }

    public static async Task<ScenarioDatabase> CreateAsync(MySqlServer shared)
    {
        var database = await TestDatabase.CreateAsync(shared);
        return new ScenarioDatabase(database.Name, database.ConnectionString, database);
    }

    /// <summary><c>seedtag</c> on a private server, prepared by scripts/mariadb.sh.</summary>
    public static ScenarioDatabase Seedtag(MySqlServer server) =>
        new(new MySqlConnectionStringBuilder(server.AppConnectionString).Database, server.AppConnectionString, own: null);

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
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }
    }

    private static long UnixSeconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
