using Orleans.Saga.EndToEnd.Tests.Infrastructure.Kafka;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>
/// The dev broker and the MySQL server every end-to-end test shares (each test keeps to topics and a database of its
/// own): those of scripts/test.sh when it set them, else ones this fixture starts and stops. What cannot be had is
/// said loudly, and each test then skips (or fails, with <c>SAGA_TEST_REQUIRE_SERVERS=1</c>).
/// </summary>
public sealed class EndToEndServers : IAsyncLifetime
{
    private DevBroker? _broker;
    private string? _brokerMissing;
    private MySqlServer? _mySql;
    private string? _mySqlMissing;
    private MariaDbServer? _ownMariaDb;

    public async Task InitializeAsync()
    {
        try
        {
            _broker = await DevBroker.AttachOrStartAsync();
        }
        catch (Exception exception)
        {
            _brokerMissing = $"NO KAFKA: the dev broker could not be reached or started ({exception.Message}).";
            TestEnvironment.Warn(_brokerMissing);
        }

        await FindMySqlAsync();
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (_ownMariaDb is not null)
        {
            await _ownMariaDb.DisposeAsync();
        }
    }

    /// <summary>Both servers, or the test is skipped (or failed) with the reason.</summary>
    public (DevBroker Broker, MySqlServer MySql) Require()
    {
        TestEnvironment.SkipOrFail(_brokerMissing ?? _mySqlMissing);
        return (_broker!, _mySql!);
    }

    /// <summary>The broker alone, for tests that bring a database server of their own.</summary>
    public DevBroker RequireBroker()
    {
        TestEnvironment.SkipOrFail(_brokerMissing);
        return _broker!;
    }

    private async Task FindMySqlAsync()
    {
        if (TestEnvironment.Get(TestEnvironment.MySqlVariable) is { } connectionString)
        {
            var socket = TestEnvironment.Get(TestEnvironment.MySqlSocketVariable)
                ?? (TestEnvironment.Get(TestEnvironment.MySqlDirectoryVariable) is { } directory ? Path.Combine(directory, "mysqld.sock") : null);
            if (socket is null)
            {
                _mySqlMissing = $"{TestEnvironment.MySqlVariable} is set, but the tests create a database each as root: set "
                    + $"{TestEnvironment.MySqlDirectoryVariable} (its scripts/mariadb.sh directory) or {TestEnvironment.MySqlSocketVariable}.";
                TestEnvironment.Warn(_mySqlMissing);
                return;
            }

            _mySql = new MySqlServer(connectionString, socket);
            return;
        }

        if (!MariaDbServer.IsInstalled)
        {
            _mySqlMissing = "NO DATABASE: install MariaDB (apt-get install mariadb-server; the tests start their own with "
                + $"scripts/mariadb.sh) or set {TestEnvironment.MySqlVariable} and {TestEnvironment.MySqlDirectoryVariable}.";
            TestEnvironment.Warn(_mySqlMissing);
            return;
        }

        _ownMariaDb = await MariaDbServer.StartAsync();
        _mySql = _ownMariaDb.Server;
    }
}
