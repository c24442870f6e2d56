namespace Orleans.Saga.Persistence.Tests.Infrastructure;

internal static class RepositoryPaths
{
    /// <summary>The checkout the tests were built from: the first ancestor with <c>scripts/mariadb.sh</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string MariaDbScript => Path.Combine(Root, "scripts", "mariadb.sh");

    public static string ApplySchemaScript => Path.Combine(Root, "scripts", "apply-schema.sh");

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
