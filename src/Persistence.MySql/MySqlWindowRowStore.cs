using System.Data;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Orleans.Saga.Persistence.MySql;

/// <summary>
/// <see cref="IWindowRowStore"/> on MySQL 8 / MariaDB 10.11 through MySqlConnector.
/// </summary>
/// <remarks>
/// Each call is one transaction on one pooled connection. Every connection runs with
/// <c>time_zone = '+00:00'</c> and reads and writes <see cref="DateTime"/> values as UTC. The store
/// does not retry: transient failures become <see cref="WindowStoreUnavailableException"/>.
/// </remarks>
public sealed partial class MySqlWindowRowStore : IWindowRowStore, IAsyncDisposable, IDisposable
{
    /// <summary>The name of the <see cref="Meter"/> with the store's instruments.</summary>
    public const string MeterName = "Orleans.Saga.MySql";

    /// <summary>Both columns are VARCHAR(255), which counts characters (code points).</summary>
    private const int MaxTextLength = 255;

    /// <summary>Keeps statements well below max_allowed_packet when a window has many rows.</summary>
    private const int RowsPerStatement = 500;

    private readonly MySqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly MySqlWindowRowStoreMetrics _metrics;
    private readonly TimeProvider _timeProvider;

    public MySqlWindowRowStore(
        IOptions<MySqlWindowRowStoreOptions> options,
        ILogger<MySqlWindowRowStore> logger,
        IMeterFactory? meterFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Value.ConnectionString, nameof(MySqlWindowRowStoreOptions.ConnectionString));
        var builder = new MySqlDataSourceBuilder(options.Value.ConnectionString);
        builder.ConnectionStringBuilder.DateTimeKind = MySqlDateTimeKind.Utc;
        builder.UseConnectionOpenedCallback(UseUtcSessionAsync);
        _dataSource = builder.Build();
        _logger = logger;
        _metrics = new MySqlWindowRowStoreMetrics(meterFactory);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task WriteWindowAsync(
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        string label,
        IReadOnlyList<WindowRow> rows,
        bool isFinal,
        CancellationToken cancellationToken)
    {
        ValidateWindow(windowStart, windowEnd, label, rows);
        var start = windowStart.UtcDateTime;
        var end = windowEnd.UtcDateTime;
        // DATETIME(3): drop sub-millisecond digits here; MySQL would round them and MariaDB truncate.
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var updatedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));

        var startedAt = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            // READ COMMITTED: no gap locks, so writers of neighbouring windows never block each other.
            // One writer per (window, label) is the design; should two race, the upsert's per-row
            // guard still keeps rows that are final by the time it runs.
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

            await using (var isFinalCommand = KafkaStreamsCommands.IsFinal(connection, transaction, start, label))
            {
                if (await isFinalCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    outcome = "skipped_final";
                    LogSkippedFinalWindow(start, label);
                    return;
                }
            }

            var rowArray = rows as WindowRow[] ?? [.. rows];
            for (var offset = 0; offset < rowArray.Length; offset += RowsPerStatement)
            {
                var chunk = rowArray.AsSpan(offset, Math.Min(RowsPerStatement, rowArray.Length - offset));
                await using var upsert = KafkaStreamsCommands.Upsert(connection, transaction, start, end, label, chunk, isFinal, updatedAt);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var delete = KafkaStreamsCommands.DeleteStaleRanks(connection, transaction, start, label, rowArray.Length))
            {
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            outcome = "written";
        }
        catch (Exception exception) when (MySqlTransientErrors.IsTransient(exception))
        {
            _metrics.WriteErrors.Add(1, new KeyValuePair<string, object?>("error.type", "unavailable"));
            LogWriteUnavailable(exception, start, label);
            throw new WindowStoreUnavailableException($"Writing window {start:O} of label '{label}' failed; the database is unavailable.", exception);
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (Exception exception)
        {
            _metrics.WriteErrors.Add(1, new KeyValuePair<string, object?>("error.type", exception.GetType().Name));
            throw;
        }
        finally
        {
            _metrics.WriteDuration.Record(
                Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds,
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredWindowRow>> ReadWindowsAsync(DateTimeOffset? since, string? label, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = KafkaStreamsCommands.Read(connection, since?.UtcDateTime, label);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<StoredWindowRow>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new StoredWindowRow(
                    WindowStart: AsUtc(reader.GetDateTime(0)),
                    WindowEnd: AsUtc(reader.GetDateTime(1)),
                    Label: reader.GetString(2),
                    Character: reader.GetString(3),
                    Count: reader.GetInt64(4),
                    Rank: reader.GetInt32(5),
                    IsFinal: reader.GetBoolean(6),
                    UpdatedAt: AsUtc(reader.GetDateTime(7))));
            }

            return rows;
        }
        catch (Exception exception) when (MySqlTransientErrors.IsTransient(exception))
        {
            throw new WindowStoreUnavailableException("Reading windows failed; the database is unavailable.", exception);
        }
    }

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await connection.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MySqlException || MySqlTransientErrors.IsTransient(exception))
        {
            LogPingFailed(exception);
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _metrics.Dispose();
        return _dataSource.DisposeAsync();
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _dataSource.Dispose();
    }

    /// <summary>A pooled connection whose session is UTC.</summary>
    internal ValueTask<MySqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        _dataSource.OpenConnectionAsync(cancellationToken);

    private static void ValidateWindow(DateTimeOffset windowStart, DateTimeOffset windowEnd, string label, IReadOnlyList<WindowRow> rows)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(rows);
        // DATETIME holds whole seconds, and servers disagree on rounding (MySQL) versus truncating
        // (MariaDB) the rest: a fraction here would give two servers two different keys.
        if (windowStart.Ticks % TimeSpan.TicksPerSecond != 0 || windowEnd.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"Window bounds must be whole seconds: {windowStart:O} .. {windowEnd:O}.", nameof(windowStart));
        }

        if (windowEnd <= windowStart)
        {
            throw new ArgumentException($"The window must end after it starts: {windowStart:O} .. {windowEnd:O}.", nameof(windowEnd));
        }

        ValidateText(label, nameof(label));
        var seenRanks = new bool[rows.Count];
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            ValidateText(row.Character, nameof(rows));
            if (row.Count < 0)
            {
                throw new ArgumentException($"Character '{row.Character}' has a negative count {row.Count}.", nameof(rows));
            }

            // Ranks 1..n exactly: stale rows are found as "rank > n".
            if (row.Rank < 1 || row.Rank > rows.Count || seenRanks[row.Rank - 1])
            {
                throw new ArgumentException($"Ranks must be exactly 1..{rows.Count}; rank {row.Rank} of '{row.Character}' is out of range or repeated.", nameof(rows));
            }

            seenRanks[row.Rank - 1] = true;
        }
    }

    private static void ValidateText(string text, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(text, parameterName);
        if (text.Length > MaxTextLength && text.EnumerateRunes().Count() > MaxTextLength)
        {
            throw new ArgumentException($"'{text[..20]}…' is longer than {MaxTextLength} characters.", parameterName);
        }
    }

    private static DateTimeOffset AsUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>A new or reset session starts in the server's time zone; ours is always UTC.</summary>
    private static async ValueTask UseUtcSessionAsync(MySqlConnectionOpenedContext context, CancellationToken cancellationToken)
    {
        if (context.Conditions == MySqlConnectionOpenedConditions.None)
        {
            return;
        }

        await using var command = new MySqlCommand("SET time_zone = '+00:00'", context.Connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Window {WindowStart:O} of label '{Label}' is final; the write changed nothing.")]
    private partial void LogSkippedFinalWindow(DateTime windowStart, string label);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing window {WindowStart:O} of label '{Label}' failed: the database is unavailable.")]
    private partial void LogWriteUnavailable(Exception exception, DateTime windowStart, string label);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MySQL ping failed.")]
    private partial void LogPingFailed(Exception exception);
}
