namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>The checkout the tests were built from.</summary>
public static class RepositoryPaths
{
    /// <summary>The first ancestor of the test binaries that has <c>scripts/mariadb.sh</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string MariaDbScript => Path.Combine(Root, "scripts", "mariadb.sh");

    public static string SqlDirectory => Path.Combine(Root, "sql");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "mariadb.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No scripts/mariadb.sh above {AppContext.BaseDirectory}.");
    }
}
