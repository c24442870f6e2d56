using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Saga.DevKafka.Tests.Infrastructure;

/// <summary>
/// <c>devkafka</c> running as a real child process on free loopback ports: <c>dotnet devkafka.dll</c> from this
/// test's output directory, where the project reference copies the tool. Disposing kills it by its PID.
/// </summary>
public sealed class DevKafkaProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private const int KeptStderrLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource<string> _readyLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DevKafkaProcess(Process process)
    {
        _process = process;
    }

    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "devkafka.dll");

    public int Pid => _process.Id;

    /// <summary>The ready line printed on stdout, e.g. <c>devkafka ready bootstrap=… control=…</c>.</summary>
    public string ReadyLine { get; private set; } = string.Empty;

    public string Bootstrap { get; private set; } = string.Empty;

    public IPEndPoint Control { get; private set; } = null!;

    public bool HasExited => _process.HasExited;

    public string Stderr => string.Join('\n', _stderr);

    /// <summary>Starts the tool with <c>--listen</c>/<c>--control</c> on free ports plus <paramref name="arguments"/>, and waits until it is ready.</summary>
    public static async Task<DevKafkaProcess> StartAsync(int brokers = 1, params string[] arguments)
    {
        for (var attempt = 1; ; attempt++)
        {
            var listenPort = FreePorts.Consecutive(brokers);
            var controlPort = FreePorts.Consecutive(1);
            try
            {
                return await StartRawAsync(["--listen", $"127.0.0.1:{listenPort}", "--control", $"127.0.0.1:{controlPort}", "--brokers", $"{brokers}", .. arguments]);
            }
            catch (InvalidOperationException exception) when (attempt < 3 && exception.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                // Another process took a port between the probe and the tool's bind: probe again.
            }
        }
    }

    /// <summary>Starts the tool with exactly <paramref name="arguments"/> and waits until it is ready.</summary>
    public static async Task<DevKafkaProcess> StartRawAsync(IEnumerable<string> arguments)
    {
        var started = Launch(arguments);
        try
        {
            await started.WaitUntilReadyAsync();
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the tool without waiting for readiness, e.g. to see it fail.</summary>
    public static DevKafkaProcess Launch(IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(ToolPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var started = new DevKafkaProcess(process);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith("devkafka ready ", StringComparison.Ordinal) == true)
            {
                started._readyLine.TrySetResult(line.Data);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                started._stderr.Enqueue(text);
                while (started._stderr.Count > KeptStderrLines && started._stderr.TryDequeue(out string? _))
                {
                }
            }
        };
        process.Exited += (_, _) => started._readyLine.TrySetException(
            new InvalidOperationException($"devkafka exited with code {process.ExitCode} before it was ready."));

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Sends one control command and returns the one-line reply.</summary>
    public async Task<string> ControlAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Control);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
        await writer.WriteLineAsync(command);
        return await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? throw new IOException($"devkafka closed the control connection after '{command}'.");
    }

    /// <summary>Sends a POSIX signal to the process (e.g. 15 for SIGTERM).</summary>
    public void Signal(int signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", $"{Pid}"]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        try
        {
            ReadyLine = await _readyLine.Task.WaitAsync(StartTimeout);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // drains the redirected stderr
            }

            throw new InvalidOperationException($"{exception.Message}\ndevkafka stderr:\n{Stderr}", exception);
        }

        var fields = ReadyLine.Split(' ').Skip(2).Select(field => field.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        Bootstrap = fields["bootstrap"];
        Control = IPEndPoint.Parse(fields["control"]);
    }
}
