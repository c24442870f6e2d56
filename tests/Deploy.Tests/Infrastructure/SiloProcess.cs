using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Orleans.Saga.Deploy.Tests.Infrastructure;

/// <summary>
/// A real silo: <c>dotnet Orleans.Saga.Silo.dll</c> from its build output, configured only through environment
/// variables, on free loopback ports. Disposing kills it by its PID.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 400;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, int httpPort, int dashboardPort)
    {
        _process = process;
        HttpPort = httpPort;
        DashboardPort = dashboardPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int HttpPort { get; }

    public int DashboardPort { get; }

    /// <summary>The health and metrics endpoint.</summary>
    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _output);

    /// <summary>Starts a silo with <paramref name="settings"/> (environment variables) over its own free ports.</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var ports = FreePorts.Take(4);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The content root, where appsettings.json is read from.
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.SiloAssembly);

        // Only what the test says: nothing inherited may configure the silo or make it believe it runs in a pod.
        foreach (var name in startInfo.Environment.Keys.Where(IsSiloSetting).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["Saga__Silo__SiloPort"] = $"{ports[0]}";
        startInfo.Environment["Saga__Silo__GatewayPort"] = $"{ports[1]}";
        startInfo.Environment["Saga__Silo__HttpPort"] = $"{ports[2]}";
        startInfo.Environment["Saga__Dashboard__Port"] = $"{ports[3]}";
        foreach (var (name, value) in settings)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var silo = new SiloProcess(process, ports[2], ports[3]);
        process.OutputDataReceived += (_, line) => silo.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => silo.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/health/ready</c> answers with <paramref name="expected"/>.</summary>
    public async Task WaitForReadinessAsync(HttpStatusCode expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}.\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready");
                last = response.StatusCode;
                if (last == expected)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"/health/ready did not answer {(int)expected} within {timeout} (last: {last?.ToString() ?? "no answer"}).\n{Output}");
    }

    public async Task<PrometheusScrape> ScrapeAsync() => PrometheusScrape.Parse(await Http.GetStringAsync("/metrics"));

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static bool IsSiloSetting(string name) =>
        name.StartsWith("Saga__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ORLEANS_", StringComparison.Ordinal)
        || name.StartsWith("KUBERNETES_", StringComparison.Ordinal)
        || name.StartsWith("POD_", StringComparison.Ordinal);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines && _output.TryDequeue(out _))
        {
        }
    }
}
