using MySqlConnector;

namespace Orleans.Saga.Persistence.Tests.Infrastructure;

/// <summary>
/// The MySQL-compatible server all tests of <see cref="MariaDbCollection"/> share: the one named by
/// <c>SAGA_TEST_MYSQL</c> (a connection string for the <c>saga</c> account, schema applied), or else a
/// throwaway MariaDB started with <c>scripts/mariadb.sh start --port 0</c> and stopped on dispose.
/// Without either, every test is skipped with <see cref="SkipReason"/>, or fails when
/// <c>SAGA_TEST_REQUIRE_SERVERS=1</c> (as in scripts/test.sh, which provides the server).
/// </summary>
public sealed class MariaDbFixture : IAsyncLifetime
{
    public const string ConnectionStringVariable = "SAGA_TEST_MYSQL";

    /// <summary>Optional with <see cref="ConnectionStringVariable"/>: the server's root socket, for tests that need root.</summary>
    public const string RootSocketVariable = "SAGA_TEST_MYSQL_SOCKET";

    /// <summary>Optional with <see cref="ConnectionStringVariable"/>: the scripts/mariadb.sh directory of that server (root socket inside).</summary>
    public const string InstanceDirectoryVariable = "SAGA_TEST_MYSQL_DIR";

    /// <summary>When "1", a test that would be skipped for want of a server fails instead.</summary>
    public const string RequireServersVariable = "SAGA_TEST_REQUIRE_SERVERS";

    private static readonly bool ServersRequired = Environment.GetEnvironmentVariable(RequireServersVariable) == "1";

    private MariaDbInstance? _instance;

    /// <summary>The <c>saga</c> account over TCP.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>root's socket (no password), when this run can be root.</summary>
    public string? RootSocket { get; private set; }

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            RootSocket = Environment.GetEnvironmentVariable(RootSocketVariable) is { Length: > 0 } socket
                ? socket
                : Environment.GetEnvironmentVariable(InstanceDirectoryVariable) is { Length: > 0 } directory
                    ? Path.Combine(directory, "mysqld.sock")
                    : null;
            return;
        }

        if (!MariaDbInstance.IsServerInstalled)
        {
            SkipReason =
                $"NO DATABASE: MySQL persistence tests did not run. Install MariaDB (apt-get install mariadb-server; " +
                $"the tests start their own server with scripts/mariadb.sh) or set {ConnectionStringVariable} to a " +
                $"connection string for the saga account of a server prepared with scripts/apply-schema.sh.";
            await Console.Error.WriteLineAsync($"*** {SkipReason}");
            return;
        }

        _instance = await MariaDbInstance.StartAsync();
        ConnectionString = _instance.ConnectionString;
        RootSocket = _instance.RootSocket;
    }

    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }
    }

    public void SkipIfUnavailable() => SkipOrFail(SkipReason);

    public void SkipIfNotRoot() =>
        SkipOrFail(RootSocket is null
            ? $"Needs root on the test server: set {InstanceDirectoryVariable} to its scripts/mariadb.sh directory or {RootSocketVariable} to its socket."
            : null);

    private static void SkipOrFail(string? reason)
    {
        if (reason is not null && ServersRequired)
        {
            throw new InvalidOperationException($"{RequireServersVariable}=1, but: {reason}");
        }

        Skip.If(reason is not null, reason);
    }

    public async Task<MySqlConnection> OpenConnectionAsync()
    {
        var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<MySqlConnection> OpenRootConnectionAsync()
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = RootSocket ?? throw new InvalidOperationException("No root socket."),
            ConnectionProtocol = MySqlConnectionProtocol.UnixSocket,
            UserID = "root",
            Database = "seedtag",
            Pooling = false,
        };
        var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
