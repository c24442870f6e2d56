namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>
/// A MySQL-compatible server the tests may use: the <c>saga</c> account over TCP, and root through the socket
/// (to create a database per test and drop it afterwards).
/// </summary>
public sealed record MySqlServer(string AppConnectionString, string RootSocket)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Runs SQL as root with the command-line client, as scripts/apply-schema.sh does.</summary>
    public async Task ExecuteAsRootAsync(string sql)
    {
        var client = Client ?? throw new InvalidOperationException("Neither 'mariadb' nor 'mysql' client found (apt-get install mariadb-client).");
        var result = await ProcessRunner.RunAsync(
            client,
            ["--no-defaults", $"--socket={RootSocket}", "--user=root", "--default-character-set=utf8mb4", "--batch"],
            ClientTimeout,
            sql);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{client} as root failed: {result}");
        }
    }

    private static string? Client { get; } = FindOnPath("mariadb") ?? FindOnPath("mysql");

    private static string? FindOnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, name))
        .FirstOrDefault(File.Exists);
}
