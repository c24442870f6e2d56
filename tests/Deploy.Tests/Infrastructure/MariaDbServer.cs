using System.Globalization;

namespace Orleans.Saga.Deploy.Tests.Infrastructure;

/// <summary>
/// A private MariaDB run by <c>scripts/mariadb.sh</c> in a temporary directory, which the test may stop and start
/// again on the same port. The script stops exactly the PID it recorded.
/// </summary>
internal sealed class MariaDbServer : IAsyncDisposable
{
    private const string ConnectionLinePrefix = "MYSQL_CONNECTION_STRING=";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"saga-deploy-mariadb-{Guid.NewGuid():N}");

    /// <summary>The app account over TCP.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    private int Port => int.Parse(File.ReadAllText(Path.Combine(_directory, "port")).Trim(), CultureInfo.InvariantCulture);

    public static async Task<MariaDbServer> StartAsync()
    {
        var server = new MariaDbServer();
        await server.RunStartAsync(port: 0);
        return server;
    }

    public async Task StopAsync()
    {
        var result = await ProcessRunner.RunAsync(RepositoryPaths.MariaDbScript, ["stop", "--dir", _directory], ScriptTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/mariadb.sh stop failed: {result}");
        }
    }

    /// <summary>Starts the stopped server again on the port it had, so connection strings stay valid.</summary>
    public Task RestartAsync() => RunStartAsync(Port);

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            await StopAsync();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task RunStartAsync(int port)
    {
        var result = await ProcessRunner.RunAsync(
            RepositoryPaths.MariaDbScript,
            ["start", "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", _directory],
            ScriptTimeout);
        var line = result.StandardOutput.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(ConnectionLinePrefix, StringComparison.Ordinal));
        if (result.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"scripts/mariadb.sh start failed: {result}");
        }

        // Single-quoted for eval; the script refuses passwords with quotes.
        ConnectionString = line[ConnectionLinePrefix.Length..].Trim('\'');
    }
}
