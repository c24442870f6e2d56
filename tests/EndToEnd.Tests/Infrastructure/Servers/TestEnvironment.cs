namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>
/// The servers scripts/test.sh starts for a whole run, and whether a test may skip without them. The variables are
/// the same ones the Persistence and Kafka test projects read.
/// </summary>
public static class TestEnvironment
{
    /// <summary>Connection string of the <c>saga</c> account on a server prepared with scripts/apply-schema.sh.</summary>
    public const string MySqlVariable = "SAGA_TEST_MYSQL";

    /// <summary>The scripts/mariadb.sh directory of that server: its root socket is inside.</summary>
    public const string MySqlDirectoryVariable = "SAGA_TEST_MYSQL_DIR";

    /// <summary>That server's root socket, when it is not in a scripts/mariadb.sh directory.</summary>
    public const string MySqlSocketVariable = "SAGA_TEST_MYSQL_SOCKET";

    /// <summary>Bootstrap servers of a running dev broker.</summary>
    public const string KafkaVariable = "SAGA_TEST_KAFKA";

    /// <summary>host:port of that broker's control channel.</summary>
    public const string KafkaControlVariable = "SAGA_TEST_KAFKA_CONTROL";

    /// <summary>When "1", a test that would be skipped for want of a server or tool fails instead.</summary>
    public const string RequireServersVariable = "SAGA_TEST_REQUIRE_SERVERS";

    public static bool ServersRequired => Environment.GetEnvironmentVariable(RequireServersVariable) == "1";

    public static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>Says loudly why something cannot run: on stderr, where a quiet skip would go unnoticed.</summary>
    public static void Warn(string reason) => Console.Error.WriteLine($"*** END-TO-END TESTS: {reason}");

    /// <summary>Skips the test for <paramref name="reason"/> (if any), or fails it when servers are required.</summary>
    public static void SkipOrFail(string? reason)
    {
        if (reason is null)
        {
            return;
        }

        if (ServersRequired)
        {
            throw new InvalidOperationException($"{RequireServersVariable}=1, but: {reason}");
        }

        Warn($"SKIPPED: {reason}");
        Skip.If(true, reason);
    }
}
