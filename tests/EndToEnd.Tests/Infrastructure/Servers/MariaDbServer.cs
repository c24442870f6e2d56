using System.Globalization;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>
/// A MariaDB server of our own, run by <c>scripts/mariadb.sh</c> in a temporary directory on a free port. It can be
/// stopped and started again on the same port with the same data (an outage); disposing it stops the PID the script
/// recorded and deletes the directory.
/// </summary>
public sealed class MariaDbServer : IAsyncDisposable
{
    private const string ConnectionLinePrefix = "MYSQL_CONNECTION_STRING=";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private MariaDbServer(string directory) => Directory = directory;

    public string Directory { get; }

    public MySqlServer Server { get; private set; } = null!;

    public static bool IsInstalled => File.Exists("/usr/sbin/mariadbd")
        || (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(path => File.Exists(Path.Combine(path, "mariadbd")));

    public static async Task<MariaDbServer> StartAsync()
    {
        var server = new MariaDbServer(Path.Combine(Path.GetTempPath(), $"saga-e2e-mariadb-{Guid.NewGuid():N}"));
        try
        {
            await server.RunStartAsync(port: 0);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Stops the server (TERM to its recorded PID, waiting until it exits).</summary>
    public async Task StopAsync()
    {
        var result = await ProcessRunner.RunAsync("bash", [RepositoryPaths.MariaDbScript, "stop", "--dir", Directory], ScriptTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/mariadb.sh stop failed: {result}");
        }
    }

    /// <summary>Starts the stopped server again, on the port it had, with its data.</summary>
    public Task StartAgainAsync() => RunStartAsync(Port);

    public async ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            await StopAsync();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private int Port => int.Parse(File.ReadAllText(Path.Combine(Directory, "port")).Trim(), CultureInfo.InvariantCulture);

    private async Task RunStartAsync(int port)
    {
        var result = await ProcessRunner.RunAsync(
            "bash",
            [RepositoryPaths.MariaDbScript, "start", "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", Directory],
            ScriptTimeout);
        var line = result.StandardOutput.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(ConnectionLinePrefix, StringComparison.Ordinal));
        if (result.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"scripts/mariadb.sh start failed: {result}");
        }

        // The value is single-quoted for eval; the script refuses passwords with quotes.
        Server = new MySqlServer(line[ConnectionLinePrefix.Length..].Trim('\''), Path.Combine(Directory, "mysqld.sock"));
    }
}
