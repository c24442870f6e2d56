using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Persistence.Tests.Infrastructure;
using static Orleans.Saga.Persistence.Tests.WindowRows.WindowRowStoreFactory;

namespace Orleans.Saga.Persistence.Tests.WindowRows;

[Collection(MariaDbCollection.Name)]
public sealed class WindowRowStoreTests(MariaDbFixture database) : IAsyncLifetime
{
    private MySqlWindowRowStore? _store;

    private MySqlWindowRowStore Store => _store ??= Create(database.ConnectionString);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Rewriting_a_window_replaces_its_counts_and_ranks()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();

        await Store.WriteWindowAsync(start, end, label, Ranked(("Harry", 3), ("Ron", 2), ("Hermione", 1)), isFinal: false, default);
        await Store.WriteWindowAsync(start, end, label, Ranked(("Hermione", 9), ("Harry", 4), ("Ron", 2)), isFinal: false, default);

        var rows = await Store.ReadWindowsAsync(start, label, default);
        Assert.Equal(
            [("Hermione", 9L, 1), ("Harry", 4L, 2), ("Ron", 2L, 3)],
            rows.Select(row => (row.Character, row.Count, row.Rank)));
        Assert.All(rows, row =>
        {
            Assert.Equal(start, row.WindowStart);
            Assert.Equal(end, row.WindowEnd);
            Assert.Equal(label, row.Label);
            Assert.False(row.IsFinal);
        });
    }

    [SkippableFact]
    public async Task Final_rows_never_change_afterwards()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();
        await Store.WriteWindowAsync(start, end, label, Ranked(("Harry", 1), ("Ron", 1)), isFinal: false, default);
        await Store.WriteWindowAsync(start, end, label, Ranked(("Harry", 5), ("Ron", 3)), isFinal: true, default);
        var final = await Store.ReadWindowsAsync(start, label, default);

        // Different counts, more rows, fewer rows, non-final and final again: nothing may change.
        await Store.WriteWindowAsync(start, end, label, Ranked(("Ron", 7), ("Harry", 6), ("Hermione", 1)), isFinal: false, default);
        await Store.WriteWindowAsync(start, end, label, Ranked(("Ron", 8)), isFinal: true, default);
        await Store.WriteWindowAsync(start, end, label, [], isFinal: false, default);

        var after = await Store.ReadWindowsAsync(start, label, default);
        Assert.Equal(final, after);
        Assert.Equal([("Harry", 5L, 1, true), ("Ron", 3L, 2, true)], after.Select(row => (row.Character, row.Count, row.Rank, row.IsFinal)));
    }

    [SkippableFact]
    public async Task Replayed_writes_leave_exactly_one_row_per_rank()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();
        var rows = Ranked(("Frodo", 10), ("Sam", 8), ("Gollum", 2));

        for (var replay = 0; replay < 3; replay++)
        {
            await Store.WriteWindowAsync(start, end, label, rows, isFinal: false, default);
        }

        // Replays racing each other, as after a silo restart with two activations for a moment.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store.WriteWindowAsync(start, end, label, rows, isFinal: false, default)));

        var stored = await Store.ReadWindowsAsync(start, label, default);
        Assert.Equal(rows, stored.Select(row => new WindowRow(row.Character, row.Count, row.Rank)));
    }

    [SkippableFact]
    public async Task Fewer_rows_delete_the_stale_ranks_of_an_open_window()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();
        await Store.WriteWindowAsync(start, end, label, Ranked(("A", 5), ("B", 4), ("C", 3), ("D", 2), ("E", 1)), isFinal: false, default);

        await Store.WriteWindowAsync(start, end, label, Ranked(("C", 7), ("A", 6)), isFinal: false, default);
        Assert.Equal(["C", "A"], (await Store.ReadWindowsAsync(start, label, default)).Select(row => row.Character));

        await Store.WriteWindowAsync(start, end, label, [], isFinal: false, default);
        Assert.Empty(await Store.ReadWindowsAsync(start, label, default));
    }

    [SkippableFact]
    public async Task Windows_and_labels_do_not_touch_each_other()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();
        var otherLabel = UniqueLabel();
        await Store.WriteWindowAsync(start, end, label, Ranked(("A", 2), ("B", 1)), isFinal: false, default);
        await Store.WriteWindowAsync(end, end.AddMinutes(5), label, Ranked(("C", 1)), isFinal: true, default);
        await Store.WriteWindowAsync(start, end, otherLabel, Ranked(("D", 1)), isFinal: false, default);

        await Store.WriteWindowAsync(start, end, label, [], isFinal: false, default);

        Assert.Equal(["C"], (await Store.ReadWindowsAsync(start, label, default)).Select(row => row.Character));
        Assert.Equal(["D"], (await Store.ReadWindowsAsync(start, otherLabel, default)).Select(row => row.Character));
        Assert.Equal(["C"], (await Store.ReadWindowsAsync(end, label, default)).Select(row => row.Character));
    }

    [SkippableFact]
    public async Task Hostile_names_and_labels_are_stored_and_read_back_verbatim()
    {
        database.SkipIfUnavailable();
        string[] hostile =
        [
            "O'Brien", "\"quoted\"", "back\\slash\\", "'; DROP TABLE kafka_streams; --", "Robert'); DELETE FROM kafka_streams; --",
            "100%", "snake_case", "%_%", "tab\tnew\nline", "null\0byte", "emoji 🧙‍♂️🐉", "astral 𝔊𝔞𝔫𝔡𝔞𝔩𝔣 𠜎",
            "Ünïcödé Ñ", "harry", "Harry", "HARRY", new string('x', 200), string.Concat(Enumerable.Repeat("🐉", 255)),
        ];
        var (start, end) = UniqueWindow();
        var labelSuffix = Guid.NewGuid().ToString("N");
        var labels = new[] { $"'; DROP TABLE kafka_streams; -- {labelSuffix}", $"%{labelSuffix}", $"_{labelSuffix}", $"🐉 {labelSuffix}", $"Saga {labelSuffix}", $"saga {labelSuffix}" };

        foreach (var label in labels)
        {
            await Store.WriteWindowAsync(start, end, label, [.. hostile.Select((name, index) => new WindowRow(name, index, index + 1))], isFinal: false, default);
        }

        foreach (var label in labels)
        {
            var rows = await Store.ReadWindowsAsync(start, label, default);
            Assert.All(rows, row => Assert.Equal(label, row.Label));
            Assert.Equal(hostile, rows.Select(row => row.Character));
        }

        // Exact matching: a label with LIKE wildcards or another case matches only itself.
        var window = (await Store.ReadWindowsAsync(start, null, default)).Where(row => row.WindowStart == start).ToList();
        Assert.Equal(labels.Length * hostile.Length, window.Count);
    }

    [SkippableFact]
    public async Task Times_are_written_and_read_as_UTC_whatever_the_offset_or_session_time_zone()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();
        var india = TimeSpan.FromHours(5.5);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await Store.WriteWindowAsync(start.ToOffset(india), end.ToOffset(india), label, Ranked(("A", 1)), isFinal: false, default);

        var row = Assert.Single(await Store.ReadWindowsAsync(start.ToOffset(TimeSpan.FromHours(-8)), label, default));
        Assert.Equal((start, end), (row.WindowStart, row.WindowEnd));
        Assert.Equal(TimeSpan.Zero, row.WindowStart.Offset);
        Assert.Equal(TimeSpan.Zero, row.UpdatedAt.Offset);
        Assert.InRange(row.UpdatedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));

        // DATETIME holds the UTC wall clock; a session in another time zone sees the same value.
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SET time_zone = '-08:00'; SELECT DATE_FORMAT(window_start, '%Y-%m-%d %H:%i:%s') FROM kafka_streams WHERE label = @label";
        command.Parameters.AddWithValue("@label", label);
        Assert.Equal(start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), await command.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task Store_sessions_are_UTC_even_when_the_server_default_is_not()
    {
        database.SkipIfUnavailable();
        database.SkipIfNotRoot();
        await using var root = await database.OpenRootConnectionAsync();
        await using (var setGlobal = root.CreateCommand())
        {
            setGlobal.CommandText = "SET GLOBAL time_zone = '+07:00'";
            await setGlobal.ExecuteNonQueryAsync();
        }

        try
        {
            // A store of its own: its pool has only sessions opened under the new server default.
            await using var store = Create(Adjust(database.ConnectionString, builder => builder.Pooling = false));
            await using var connection = await store.OpenConnectionAsync(default);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT @@session.time_zone";
            Assert.Equal("+00:00", await command.ExecuteScalarAsync());
        }
        finally
        {
            await using var resetGlobal = root.CreateCommand();
            resetGlobal.CommandText = "SET GLOBAL time_zone = '+00:00'";
            await resetGlobal.ExecuteNonQueryAsync();
        }
    }

    [SkippableFact]
    public async Task A_window_with_a_thousand_rows_is_written_and_trimmed()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();
        var many = Enumerable.Range(1, 1000).Select(rank => new WindowRow($"character {rank:D4}", 2000 - rank, rank)).ToArray();

        await Store.WriteWindowAsync(start, end, label, many, isFinal: false, default);
        Assert.Equal(many, (await Store.ReadWindowsAsync(start, label, default)).Select(row => new WindowRow(row.Character, row.Count, row.Rank)));

        await Store.WriteWindowAsync(start, end, label, many[..600], isFinal: true, default);
        var stored = await Store.ReadWindowsAsync(start, label, default);
        Assert.Equal(600, stored.Count);
        Assert.All(stored, row => Assert.True(row.IsFinal));
    }

    [SkippableFact]
    public async Task A_thousand_labels_of_one_window_are_written()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var labels = Enumerable.Range(0, 1000).Select(index => $"saga {index:D4} {Guid.NewGuid():N}").ToArray();

        await Parallel.ForEachAsync(labels, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (label, cancellationToken) =>
            await Store.WriteWindowAsync(start, end, label, Ranked(("A", 3), ("B", 2), ("C", 1)), isFinal: false, cancellationToken));

        var rows = await Store.ReadWindowsAsync(start, null, default);
        Assert.Equal(labels.Order(StringComparer.Ordinal), rows.Where(row => row.WindowStart == start).Select(row => row.Label).Distinct());
        Assert.Equal(3000, rows.Count(row => row.WindowStart == start));
    }

    [SkippableFact]
    public async Task Reads_filter_by_start_and_exact_label()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();
        await Store.WriteWindowAsync(start, end, label, Ranked(("early", 1)), isFinal: true, default);
        await Store.WriteWindowAsync(end, end.AddMinutes(5), label, Ranked(("late", 1)), isFinal: false, default);

        Assert.Equal(["early", "late"], (await Store.ReadWindowsAsync(start, label, default)).Select(row => row.Character));
        Assert.Equal(["late"], (await Store.ReadWindowsAsync(end, label, default)).Select(row => row.Character));
        Assert.Equal(["early", "late"], (await Store.ReadWindowsAsync(null, label, default)).Select(row => row.Character));
        Assert.Empty(await Store.ReadWindowsAsync(null, label.ToUpperInvariant(), default));
    }

    [SkippableFact]
    public async Task Invalid_windows_are_rejected_before_touching_the_database()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteWindowAsync(start, end, label, [new WindowRow("A", 1, 2)], false, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteWindowAsync(start, end, label, [new WindowRow("A", 1, 1), new WindowRow("B", 1, 1)], false, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteWindowAsync(start, end, label, [new WindowRow("A", -1, 1)], false, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteWindowAsync(start, end, label, [new WindowRow(new string('x', 256), 1, 1)], false, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteWindowAsync(start, end, new string('x', 256), [], false, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteWindowAsync(start.AddMilliseconds(1), end, label, [], false, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteWindowAsync(end, start, label, [], false, default));

        Assert.Empty(await Store.ReadWindowsAsync(null, label, default));
    }
}
