using System.Diagnostics;

namespace Orleans.Saga.Client.Tests.Infrastructure;

/// <summary>The built <c>saga</c> binary as a child process (<c>dotnet saga.dll …</c>); killed by its PID if it overstays.</summary>
public static class SagaProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(TestPaths.Saga);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The binary must not pick up a developer's or CI's cluster settings.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("Saga__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
