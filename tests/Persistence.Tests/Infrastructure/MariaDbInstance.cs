namespace Orleans.Saga.Persistence.Tests.Infrastructure;

/// <summary>
/// A throwaway MariaDB server run by <c>scripts/mariadb.sh</c> in a temporary directory; stopping
/// it TERMs exactly the PID the script recorded, and disposing it also deletes the directory.
/// </summary>
internal sealed class MariaDbInstance : IAsyncDisposable
{
    private const string ConnectionLinePrefix = "MYSQL_CONNECTION_STRING=";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private MariaDbInstance(string directory, string connectionString)
    {
        Directory = directory;
        ConnectionString = connectionString;
    }

    public string Directory { get; }

    /// <summary>The <c>saga</c> account over TCP.</summary>
    public string ConnectionString { get; private set; }

    /// <summary>root, which has no password and is reachable only through this socket.</summary>
    public string RootSocket => Path.Combine(Directory, "mysqld.sock");

    public int Port => int.Parse(File.ReadAllText(Path.Combine(Directory, "port")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsServerInstalled =>
        File.Exists("/usr/sbin/mariadbd")
        || (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(path => File.Exists(Path.Combine(path, "mariadbd")));

    public static async Task<MariaDbInstance> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"saga-mariadb-{Guid.NewGuid():N}");
        var instance = new MariaDbInstance(directory, connectionString: "");
        instance.ConnectionString = await instance.RunStartAsync(port: 0);
        return instance;
    }

    /// <summary>Starts the stopped server again on the port it had.</summary>
    public async Task RestartAsync() => ConnectionString = await RunStartAsync(Port);

    public async Task StopAsync()
    {
        var result = await ScriptRunner.RunAsync(RepositoryPaths.MariaDbScript, ["stop", "--dir", Directory], ScriptTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/mariadb.sh stop failed: {result}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task<string> RunStartAsync(int port)
    {
        var result = await ScriptRunner.RunAsync(
            RepositoryPaths.MariaDbScript,
            ["start", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", Directory],
            ScriptTimeout);
        var line = result.StandardOutput.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(ConnectionLinePrefix, StringComparison.Ordinal));
        if (result.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"scripts/mariadb.sh start failed: {result}");
        }

        // The value is single-quoted for eval; the scripts refuse passwords with quotes.
        return line[ConnectionLinePrefix.Length..].Trim('\'');
    }
}
