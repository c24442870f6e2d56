using System.Diagnostics;
using Orleans.Saga.Bench.EndToEnd.Processes;

namespace Orleans.Saga.Bench.EndToEnd.Pipeline;

/// <summary>One silo process (the Release build users run), configured through environment variables.</summary>
public static class SiloProcess
{
    public static ChildProcess Start(BenchOptions options, SiloSettings settings, string logPath) =>
        ChildProcess.Start(options.SiloPath, [], settings.Environment(options), logPath);

    /// <summary>Waits until <c>/health/ready</c> answers 200: a cluster member, MySQL answers, the receivers reach Kafka.</summary>
    public static async Task WaitUntilReadyAsync(ChildProcess silo, SiloSettings settings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri($"http://127.0.0.1:{settings.HttpPort}/health/ready");
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            EnsureRunning(silo);
            try
            {
                using var response = await http.GetAsync(ready, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer while it starts.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException($"the silo was not ready within {timeout}; see {silo.LogPath}");
    }

    public static void EnsureRunning(ChildProcess silo)
    {
        if (silo.HasExited)
        {
            throw new InvalidOperationException($"the silo exited; see {silo.LogPath}");
        }
    }
}
