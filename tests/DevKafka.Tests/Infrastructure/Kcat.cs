using System.Diagnostics;

namespace Orleans.Saga.DevKafka.Tests.Infrastructure;

/// <summary>Runs Debian's <c>kcat</c> (its own librdkafka build) against the dev broker.</summary>
public static class Kcat
{
    public const string MissingReason = "kcat is not installed (apt-get install kcat); the kcat interoperability test cannot run.";

    public static bool IsInstalled { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(directory => File.Exists(Path.Combine(directory, "kcat")));

    public static async Task<string> RunAsync(IEnumerable<string> arguments, string? input = null)
    {
        var startInfo = new ProcessStartInfo("kcat")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? string.Empty);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kcat {string.Join(' ', startInfo.ArgumentList)} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }
}
