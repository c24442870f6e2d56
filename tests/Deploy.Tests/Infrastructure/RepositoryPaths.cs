using System.Reflection;

namespace Orleans.Saga.Deploy.Tests.Infrastructure;

/// <summary>Files of the checkout these tests were built from.</summary>
internal static class RepositoryPaths
{
    /// <summary>The first ancestor of the test output that holds <c>Orleans.Saga.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string MariaDbScript => Combine("scripts", "mariadb.sh");

    public static string ComposeFile => Combine("deploy", "docker-compose.yml");

    public static string KubernetesDirectory => Combine("deploy", "k8s");

    public static string ConfigurationReference => Combine("docs", "CONFIGURATION.md");

    /// <summary>The silo built in the same configuration as these tests (Debug or Release).</summary>
    public static string SiloAssembly => Combine("src", "Silo", "bin", BuildConfiguration, "net10.0", "Orleans.Saga.Silo.dll");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string BuildConfiguration =>
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.Saga.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Orleans.Saga.sln above {AppContext.BaseDirectory}.");
    }
}
