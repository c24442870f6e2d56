using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Saga.Deploy.Tests.Infrastructure;

/// <summary>
/// The dev broker: the one scripts/test.sh runs (<c>SAGA_TEST_KAFKA</c>, <c>SAGA_TEST_KAFKA_CONTROL</c>), or else a
/// <c>devkafka</c> started here from this project's output and killed by its PID on dispose.
/// </summary>
internal sealed class KafkaBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process? _owned;

    private KafkaBroker(string bootstrap, IPEndPoint control, Process? owned)
    {
        Bootstrap = bootstrap;
        Control = control;
        _owned = owned;
    }

    public string Bootstrap { get; }

    private IPEndPoint Control { get; }

    public static bool IsAvailable =>
        Environment.GetEnvironmentVariable("SAGA_TEST_KAFKA") is { Length: > 0 } || File.Exists(ToolPath);

    private static string ToolPath => Path.Combine(AppContext.BaseDirectory, "devkafka.dll");

    public static async Task<KafkaBroker> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("SAGA_TEST_KAFKA") is { Length: > 0 } bootstrap
            && Environment.GetEnvironmentVariable("SAGA_TEST_KAFKA_CONTROL") is { Length: > 0 } control)
        {
            return new KafkaBroker(bootstrap, IPEndPoint.Parse(control), owned: null);
        }

        var ports = FreePorts.Take(2);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ToolPath, "--listen", $"127.0.0.1:{ports[0]}", "--control", $"127.0.0.1:{ports[1]}", "--topics", "" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start devkafka.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        try
        {
            while (await process.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout) is { } line)
            {
                if (line.StartsWith("devkafka ready ", StringComparison.Ordinal))
                {
                    return new KafkaBroker($"127.0.0.1:{ports[0]}", new IPEndPoint(IPAddress.Loopback, ports[1]), process);
                }
            }

            throw new InvalidOperationException($"devkafka exited before it was ready (exit {process.ExitCode}).");
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    /// <summary>Creates a topic through the control channel.</summary>
    public async Task CreateTopicAsync(string name, int partitions)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Control);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
        await writer.WriteLineAsync($"create-topic {name} {partitions}");
        var reply = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (reply?.StartsWith("ok created", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"create-topic {name}: {reply}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            Kill(_owned);
        }

        return ValueTask.CompletedTask;
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }
}
