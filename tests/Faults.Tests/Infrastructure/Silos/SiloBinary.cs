using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Silos;

/// <summary>
/// The production silo the scenarios run as processes: <c>SAGA_TEST_SILO</c> when set, else
/// <c>src/Silo/bin/&lt;configuration&gt;/net10.0/Orleans.Saga.Silo.dll</c> of the configuration these tests were built in.
/// </summary>
public static class SiloBinary
{
    public const string Variable = "SAGA_TEST_SILO";

    public static string Path { get; } = Find();

    /// <summary>Why the silo cannot be run, or null when it can.</summary>
    public static string? MissingReason => File.Exists(Path)
        ? null
        : $"NO SILO BINARY: {Path} does not exist. Build src/Silo (dotnet build src/Silo -c <configuration>) or set {Variable}.";

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return configured;
        }

        // The tests run from tests/Faults.Tests/bin/<configuration>/<framework>/.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var configuration = framework.Parent?.Name ?? "Release";
        return System.IO.Path.Combine(RepositoryPaths.Root, "src", "Silo", "bin", configuration, framework.Name, "Orleans.Saga.Silo.dll");
    }
}
