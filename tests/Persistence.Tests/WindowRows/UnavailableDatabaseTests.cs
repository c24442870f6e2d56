using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;
using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Persistence.Tests.Infrastructure;
using static Orleans.Saga.Persistence.Tests.WindowRows.WindowRowStoreFactory;

namespace Orleans.Saga.Persistence.Tests.WindowRows;

/// <summary>Database outages surface as <see cref="WindowStoreUnavailableException"/>, and the store recovers.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class UnavailableDatabaseTests(MariaDbFixture database)
{
    [SkippableFact]
    public async Task A_refused_connection_is_unavailable_and_counted()
    {
        database.SkipIfUnavailable();
        using var meterFactory = new TestMeterFactory();
        using var errors = new InstrumentRecorder<long>(meterFactory, "saga.mysql.write.errors");
        var refused = Adjust(database.ConnectionString, builder => (builder.Server, builder.Port, builder.ConnectionTimeout) = ("127.0.0.1", (uint)UnusedPort(), 2));
        await using var store = Create(refused, meterFactory);
        var (start, end) = UniqueWindow();

        var write = await Assert.ThrowsAsync<WindowStoreUnavailableException>(
            () => store.WriteWindowAsync(start, end, UniqueLabel(), Ranked(("A", 1)), isFinal: false, default));
        await Assert.ThrowsAsync<WindowStoreUnavailableException>(() => store.ReadWindowsAsync(null, null, default));
        Assert.False(await store.PingAsync(default));

        Assert.IsType<MySqlException>(write.InnerException);
        var error = Assert.Single(errors.Measurements);
        Assert.Equal((1L, "unavailable"), (error.Value, error.Tags["error.type"]));
    }

    [SkippableFact]
    public async Task A_write_blocked_past_the_command_timeout_is_unavailable_and_commits_nothing()
    {
        database.SkipIfUnavailable();
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();
        await using var store = Create(database.ConnectionString);
        await store.WriteWindowAsync(start, end, label, Ranked(("A", 1)), isFinal: false, default);

        // Another transaction holds the window's row lock for longer than the command timeout.
        await using var blocker = await database.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockRows = new MySqlCommand("SELECT * FROM kafka_streams WHERE window_start = @start AND label = @label FOR UPDATE", blocker, transaction))
        {
            lockRows.Parameters.AddWithValue("@start", start.UtcDateTime);
            lockRows.Parameters.AddWithValue("@label", label);
            await lockRows.ExecuteNonQueryAsync();
        }

        await using var impatient = Create(Adjust(database.ConnectionString, builder => builder.DefaultCommandTimeout = 1));
        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<WindowStoreUnavailableException>(
            () => impatient.WriteWindowAsync(start, end, label, Ranked(("A", 5)), isFinal: true, default));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        await transaction.RollbackAsync();

        var row = Assert.Single(await store.ReadWindowsAsync(start, label, default));
        Assert.Equal((1L, false), (row.Count, row.IsFinal));
    }

    [SkippableFact]
    public async Task Writes_fail_while_the_server_is_down_and_succeed_again_after_it_restarts()
    {
        database.SkipIfUnavailable();
        Skip.IfNot(MariaDbInstance.IsServerInstalled, "Needs mariadbd to run a server of its own for this test.");
        await using var server = await MariaDbInstance.StartAsync();
        await using var store = Create(Adjust(server.ConnectionString, builder => builder.ConnectionTimeout = 3));
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();
        await store.WriteWindowAsync(start, end, label, Ranked(("A", 1)), isFinal: false, default);

        await server.StopAsync();
        await Assert.ThrowsAsync<WindowStoreUnavailableException>(
            () => store.WriteWindowAsync(start, end, label, Ranked(("A", 2)), isFinal: false, default));
        Assert.False(await store.PingAsync(default));

        await server.RestartAsync();
        Assert.True(await store.PingAsync(default));
        await store.WriteWindowAsync(start, end, label, Ranked(("A", 3)), isFinal: false, default);
        Assert.Equal(3, Assert.Single(await store.ReadWindowsAsync(start, label, default)).Count);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
