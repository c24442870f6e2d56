using System.Diagnostics;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>Runs a command to completion with optional standard input, and captures what it prints.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
    }

    public static async Task<Result> RunAsync(string command, IEnumerable<string> arguments, TimeSpan timeout, string? input = null)
    {
        var startInfo = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {command}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? string.Empty);
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // Our own child: end it and what it started, so that the run does not hang.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', startInfo.ArgumentList)} did not finish within {timeout}.");
        }

        return new Result(process.ExitCode, await standardOutput, await standardError);
    }
}
