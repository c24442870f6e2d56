using System.Text;
using MySqlConnector;

namespace Orleans.Saga.Persistence.MySql;

/// <summary>
/// The statements on <c>seedtag.kafka_streams</c> (created by <c>sql/40-kafka-streams.sql</c>).
/// Every value, names and labels above all, is a parameter; nothing is spliced into SQL text.
/// </summary>
internal static class KafkaStreamsCommands
{
    private const string Columns =
        "window_start, window_end, label, saga_characters, total_views_per_character, top_5, is_final, updated_at";

    /// <summary>Locks the window's final rows, if any: a final window is never written again.</summary>
    public static MySqlCommand IsFinal(MySqlConnection connection, MySqlTransaction transaction, DateTime windowStart, string label)
    {
        var command = new MySqlCommand(
            """
            SELECT 1 FROM kafka_streams
            WHERE window_start = @window_start AND label = @label AND is_final = 1
            LIMIT 1
            FOR UPDATE
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("@window_start", windowStart);
        command.Parameters.AddWithValue("@label", label);
        return command;
    }

    /// <summary>
    /// One multi-row upsert of <paramref name="rows"/>. Rows already final keep every column;
    /// <c>is_final</c> is assigned last because each assignment sees the ones before it.
    /// </summary>
    public static MySqlCommand Upsert(
        MySqlConnection connection,
        MySqlTransaction transaction,
        DateTime windowStart,
        DateTime windowEnd,
        string label,
        ReadOnlySpan<WindowRow> rows,
        bool isFinal,
        DateTime updatedAt)
    {
        var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        var parameters = command.Parameters;
        parameters.AddWithValue("@window_start", windowStart);
        parameters.AddWithValue("@window_end", windowEnd);
        parameters.AddWithValue("@label", label);
        parameters.AddWithValue("@is_final", isFinal);
        parameters.AddWithValue("@updated_at", updatedAt);

        var sql = new StringBuilder(256 + rows.Length * 96);
        sql.Append("INSERT INTO kafka_streams (").Append(Columns).Append(") VALUES ");
        for (var i = 0; i < rows.Length; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            sql.Append("(@window_start, @window_end, @label, @character").Append(i)
                .Append(", @count").Append(i)
                .Append(", @rank").Append(i)
                .Append(", @is_final, @updated_at)");
            parameters.AddWithValue($"@character{i}", rows[i].Character);
            parameters.AddWithValue($"@count{i}", rows[i].Count);
            parameters.AddWithValue($"@rank{i}", rows[i].Rank);
        }

        sql.Append(
            """

            ON DUPLICATE KEY UPDATE
                window_end = IF(is_final = 1, window_end, VALUES(window_end)),
                saga_characters = IF(is_final = 1, saga_characters, VALUES(saga_characters)),
                total_views_per_character = IF(is_final = 1, total_views_per_character, VALUES(total_views_per_character)),
                updated_at = IF(is_final = 1, updated_at, VALUES(updated_at)),
                is_final = IF(is_final = 1, is_final, VALUES(is_final))
            """);
        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>Deletes the window's non-final rows ranked beyond <paramref name="rowCount"/>.</summary>
    public static MySqlCommand DeleteStaleRanks(
        MySqlConnection connection,
        MySqlTransaction transaction,
        DateTime windowStart,
        string label,
        int rowCount)
    {
        var command = new MySqlCommand(
            """
            DELETE FROM kafka_streams
            WHERE window_start = @window_start AND label = @label AND top_5 > @row_count AND is_final = 0
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("@window_start", windowStart);
        command.Parameters.AddWithValue("@label", label);
        command.Parameters.AddWithValue("@row_count", rowCount);
        return command;
    }

    /// <summary>Rows ordered by window start, label and rank, optionally filtered.</summary>
    public static MySqlCommand Read(MySqlConnection connection, DateTime? since, string? label)
    {
        var command = new MySqlCommand { Connection = connection };
        var sql = new StringBuilder("SELECT ").Append(Columns).Append(" FROM kafka_streams");
        var conjunction = " WHERE ";
        if (since is { } start)
        {
            sql.Append(conjunction).Append("window_start >= @since");
            command.Parameters.AddWithValue("@since", start);
            conjunction = " AND ";
        }

        if (label is not null)
        {
            sql.Append(conjunction).Append("label = @label");
            command.Parameters.AddWithValue("@label", label);
        }

        sql.Append(" ORDER BY window_start, label, top_5");
        command.CommandText = sql.ToString();
        return command;
    }
}
