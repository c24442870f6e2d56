using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Saga.Client.Tests.Infrastructure;

/// <summary>
/// The dev broker (docs/DEV-BROKER.md): the one scripts/test.sh runs (<c>SAGA_TEST_KAFKA</c> and
/// <c>SAGA_TEST_KAFKA_CONTROL</c>), or else our own <c>devkafka</c> child process, killed by its PID on dispose.
/// Each test makes a topic of its own through the control channel.
/// </summary>
public sealed class DevBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static int s_topics;

    private readonly Process? _process;
    private readonly StringBuilder _output = new();

    private DevBroker(string bootstrap, IPEndPoint control, Process? process)
    {
        Bootstrap = bootstrap;
        Control = control;
        _process = process;
    }

    public string Bootstrap { get; }

    public IPEndPoint Control { get; }

    public static async Task<DevBroker> AttachOrStartAsync()
    {
        if (Environment.GetEnvironmentVariable("SAGA_TEST_KAFKA") is { Length: > 0 } bootstrap)
        {
            var control = Environment.GetEnvironmentVariable("SAGA_TEST_KAFKA_CONTROL")
                ?? throw new InvalidOperationException("SAGA_TEST_KAFKA is set but SAGA_TEST_KAFKA_CONTROL is not: the tests need the control channel.");
            return new DevBroker(bootstrap, IPEndPoint.Parse(control), process: null);
        }

        var listen = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        var controlEndpoint = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { TestPaths.DevKafka, "--listen", listen.ToString(), "--control", controlEndpoint.ToString(), "--topics", string.Empty },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var broker = new DevBroker(listen.ToString(), controlEndpoint, process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            broker.Append(line.Data);
            if (line.Data?.StartsWith("devkafka ready", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) => broker.Append(line.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"devkafka exited with {process.ExitCode}:\n{broker.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }

        return broker;
    }

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>Creates a topic no other test (or earlier run against the same broker) uses.</summary>
    public async Task<string> CreateTopicAsync(string purpose, int partitions)
    {
        var name = $"cli-{purpose}-{Interlocked.Increment(ref s_topics)}-{Guid.NewGuid():N}";
        await ControlAsync($"create-topic {name} {partitions}");
        return name;
    }

    public async Task<string> ControlAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Control);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n", AutoFlush = true };
        await writer.WriteLineAsync(command);
        var reply = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? "error: no reply";
        return reply.StartsWith("ok", StringComparison.Ordinal) ? reply : throw new InvalidOperationException($"devkafka '{command}': {reply}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
