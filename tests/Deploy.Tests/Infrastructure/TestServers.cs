namespace Orleans.Saga.Deploy.Tests.Infrastructure;

/// <summary>How tests treat a missing server: skip, or fail under <c>SAGA_TEST_REQUIRE_SERVERS=1</c> (scripts/test.sh).</summary>
internal static class TestServers
{
    public static bool Required => Environment.GetEnvironmentVariable("SAGA_TEST_REQUIRE_SERVERS") == "1";

    public static bool IsMariaDbInstalled =>
        File.Exists("/usr/sbin/mariadbd") || ProcessRunner.Find("mariadbd") is not null;

    /// <summary>Skips the test with <paramref name="reason"/>, or fails it when servers are required.</summary>
    public static void SkipUnless(bool available, string reason)
    {
        if (!available && Required)
        {
            Assert.Fail($"{reason} (SAGA_TEST_REQUIRE_SERVERS=1 turns this skip into a failure)");
        }

        Skip.IfNot(available, reason);
    }
}
