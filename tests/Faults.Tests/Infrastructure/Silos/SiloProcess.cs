using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Silos;

/// <summary>
/// One production silo as a child process (<c>dotnet Orleans.Saga.Silo.dll</c>) configured by environment variables,
/// its output in a log file. Faults are signals to its PID: SIGKILL, SIGTERM, SIGSTOP and SIGCONT. It follows the
/// silo's own log to know which partitions its Kafka receivers read right now.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Regex _receiverLine;
    private readonly HashSet<int> _partitions = [];
    private readonly Lock _gate = new();

    private SiloProcess(string name, SiloPorts ports, Process process, string logPath, string topic)
    {
        Name = name;
        Ports = ports;
        LogPath = logPath;
        _process = process;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        _receiverLine = ReceiverLine(Regex.Escape(topic));
    }

    public string Name { get; }

    public SiloPorts Ports { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The partitions this silo's receivers have started and not stopped, by its log.</summary>
    public IReadOnlySet<int> Partitions
    {
        get
        {
            lock (_gate)
            {
                return _partitions.ToHashSet();
            }
        }
    }

    /// <summary>Starts the silo; <paramref name="settings"/> are configuration keys (<c>Saga:Kafka:Topic</c>) and values.</summary>
    public static SiloProcess Start(string name, SiloPorts ports, IReadOnlyDictionary<string, string> settings, string topic, string logPath)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SiloBinary.Path)!,
        };
        startInfo.ArgumentList.Add(SiloBinary.Path);
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        startInfo.Environment["Saga__Silo__SiloPort"] = Text(ports.Silo);
        startInfo.Environment["Saga__Silo__GatewayPort"] = Text(ports.Gateway);
        startInfo.Environment["Saga__Silo__HttpPort"] = Text(ports.Http);

        var process = new Process { StartInfo = startInfo };
        var silo = new SiloProcess(name, ports, process, logPath, topic);
        process.OutputDataReceived += (_, line) => silo.OnLine(line.Data);
        process.ErrorDataReceived += (_, line) => silo.OnLine(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        silo.Note($"started as PID {process.Id}");
        return silo;
    }

    /// <summary>Until <c>/health/ready</c> answers 200: an active member that reaches MySQL and the brokers.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready.\n{Tail()}");
            }

            try
            {
                using var response = await Http.GetAsync($"http://127.0.0.1:{Ports.Http}/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy to answer: ask again.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout}.\n{Tail()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary><c>kill -9</c>: the silo dies at once, with whatever it had not checkpointed.</summary>
    public async Task KillAsync()
    {
        Note("SIGKILL");
        Signals.Send(Pid, Signals.Kill);
        await _process.WaitForExitAsync();
        Forget();
    }

    /// <summary>SIGTERM, as an orchestrator stops a silo: the host shuts down gracefully; waits until it exited.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        Note("SIGTERM");
        Signals.Send(Pid, Signals.Terminate);
        await _process.WaitForExitAsync().WaitAsync(timeout);
        Note($"exited with code {_process.ExitCode}");
        Forget();
    }

    /// <summary>SIGSTOP: the process freezes, its sockets stay open, nothing it holds is released.</summary>
    public void Pause()
    {
        Note("SIGSTOP");
        Signals.Send(Pid, Signals.Stop);
    }

    /// <summary>SIGCONT: the frozen process runs on, unaware of the time that passed.</summary>
    public void Resume()
    {
        Note("SIGCONT");
        Signals.Send(Pid, Signals.Continue);
    }

    /// <summary>Resident memory of the process (VmRSS in /proc), or null once it has exited.</summary>
    public long? ResidentBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The last lines of the silo's log, for failure messages.</summary>
    public string Tail(int lines = 40)
    {
        lock (_gate)
        {
            _log.Flush();
        }

        using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var all = reader.ReadToEnd().Split('\n');
        return $"--- last lines of {LogPath}\n" + string.Join('\n', all.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGKILL ends a stopped (SIGSTOP) process too.
            Signals.Send(Pid, Signals.Kill);
            await _process.WaitForExitAsync();
        }

        // Lets the asynchronous readers hand over their last lines before the log closes.
        _process.WaitForExit();
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.WriteLine(line);
            if (_receiverLine.Match(line) is { Success: true } match)
            {
                var partition = int.Parse(match.Groups["partition"].Value, CultureInfo.InvariantCulture);
                if (match.Groups["started"].Success)
                {
                    _partitions.Add(partition);
                }
                else
                {
                    _partitions.Remove(partition);
                }
            }
        }
    }

    private void Note(string what)
    {
        lock (_gate)
        {
            _log.WriteLine($"=== {DateTime.UtcNow:HH:mm:ss.fff} test: {Name} {what}");
        }
    }

    private void Forget()
    {
        lock (_gate)
        {
            _partitions.Clear();
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The receiver's "Kafka T[P] starts at offset …" and "Kafka T[P]: receiver stopped." lines.</summary>
    private static Regex ReceiverLine(string topic) =>
        new($@"Kafka {topic}\[(?<partition>\d+)\](?:(?<started> starts at offset)|: receiver stopped)", RegexOptions.CultureInvariant);
}
