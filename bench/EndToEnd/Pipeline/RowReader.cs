using MySqlConnector;
using Orleans.Saga.Bench.EndToEnd.Workload;

namespace Orleans.Saga.Bench.EndToEnd.Pipeline;

/// <summary>Reads the pipeline's output, table <c>kafka_streams</c>, with the silo's own account.</summary>
public sealed class RowReader(string connectionString)
{
    /// <summary>How many (window, saga) pairs have their final rows.</summary>
    public async Task<int> CountFinalWindowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM (SELECT DISTINCT window_start, label FROM kafka_streams WHERE is_final = 1) AS w", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlySet<WindowRowValue>> ReadFinalRowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT window_start, label, saga_characters, total_views_per_character, top_5 FROM kafka_streams WHERE is_final = 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new HashSet<WindowRowValue>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var start = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc)).ToUnixTimeSeconds();
            rows.Add(new WindowRowValue(start, reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt32(4)));
        }

        return rows;
    }

    /// <summary>Empties the table before a run: final rows never change, so a second run would otherwise see the first's.</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("DELETE FROM kafka_streams", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
