using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Orleans.Saga.Streaming.Kafka.Tests;

/// <summary>The dev broker (tools/DevKafka) as a child process on free loopback ports, killed by PID on dispose.</summary>
public sealed class DevKafkaBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly IPEndPoint _control;
    private readonly StringBuilder _output = new();

    private DevKafkaBroker(Process process, string bootstrapServers, IPEndPoint control)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
        _control = control;
    }

    public string BootstrapServers { get; }

    public static async Task<DevKafkaBroker> StartAsync(string topics)
    {
        var assembly = typeof(DevKafkaBroker).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "DevKafkaAssembly").Value!;
        var (listen, control) = (FreeLoopbackEndPoint(), FreeLoopbackEndPoint());
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--listen", listen.ToString(), "--control", control.ToString(), "--topics", topics },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("devkafka did not start.");
        var broker = new DevKafkaBroker(process, listen.ToString(), control);
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
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"devkafka exited with {process.ExitCode}:\n{broker.Output}"));
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

    public Task CreateTopicAsync(string name, int partitions) => ControlAsync($"create-topic {name} {partitions}");

    /// <summary>Refuses and drops every client connection, keeping the data.</summary>
    public Task DownAsync() => ControlAsync("down");

    public Task UpAsync() => ControlAsync("up");

    public async Task<string> ControlAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_control);
        await using var stream = client.GetStream();
        await using var writer = new StreamWriter(stream, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
        using var reader = new StreamReader(stream, leaveOpen: true);
        await writer.WriteLineAsync(command);
        var reply = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)) ?? "error no reply";
        if (!reply.StartsWith("ok", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"devkafka '{command}': {reply}");
        }

        return reply;
    }

    public async ValueTask DisposeAsync()
    {
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

    private static IPEndPoint FreeLoopbackEndPoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return (IPEndPoint)listener.LocalEndpoint;
    }
}
