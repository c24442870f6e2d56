using System.Net;
using System.Net.Sockets;
using Orleans.Saga.DevKafka.Tests.Infrastructure;

namespace Orleans.Saga.DevKafka.Tests;

/// <summary>Starting, signalling and stopping the tool as a process.</summary>
public sealed class LifecycleTests : IDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("devkafka-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Sigterm_stops_cleanly_and_removes_the_pid_and_ready_files()
    {
        var pidFile = Path.Combine(_directory, "devkafka.pid");
        var readyFile = Path.Combine(_directory, "ready");
        await using var broker = await DevKafkaProcess.StartAsync(1, "--pid-file", pidFile, "--ready-file", readyFile);

        Assert.Equal($"{broker.Pid}\n", await File.ReadAllTextAsync(pidFile));
        Assert.Equal(broker.ReadyLine + "\n", await File.ReadAllTextAsync(readyFile));

        broker.Signal(SigTerm);

        var exitCode = await broker.WaitForExitAsync(ExitTimeout);
        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:\n{broker.Stderr}");
        Assert.False(File.Exists(pidFile));
        Assert.False(File.Exists(readyFile));
        Assert.Contains("mock cluster destroyed", broker.Stderr);
    }

    [Fact]
    public async Task Shutdown_command_replies_then_exits_cleanly()
    {
        await using var broker = await DevKafkaProcess.StartAsync();

        Assert.Equal("ok shutting down", await broker.ControlAsync("shutdown"));

        Assert.Equal(0, await broker.WaitForExitAsync(ExitTimeout));
    }

    [Fact]
    public async Task A_taken_listen_port_fails_startup_with_exit_code_1()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var taken = (IPEndPoint)squatter.LocalEndPoint!;
        var control = FreePorts.Consecutive(1);

        await using var broker = DevKafkaProcess.Launch(["--listen", $"{taken}", "--control", $"127.0.0.1:{control}"]);

        Assert.Equal(1, await broker.WaitForExitAsync(ExitTimeout));
        Assert.Contains($"Cannot listen on {taken}", broker.Stderr);
    }
}
