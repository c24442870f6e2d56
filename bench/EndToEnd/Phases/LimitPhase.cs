using System.Globalization;
using System.Text.Json;
using Orleans.Saga.Bench.EndToEnd.Kafka;
using Orleans.Saga.Bench.EndToEnd.Processes;

namespace Orleans.Saga.Bench.EndToEnd.Phases;

/// <summary>Runs <see cref="LimitConsumer"/> in a child process (this program's <c>limit</c> command) and reads its result.</summary>
public sealed class LimitPhase(BenchOptions options)
{
    public async Task<LimitResult> RunAsync(long records, CancellationToken cancellationToken)
    {
        var self = typeof(LimitPhase).Assembly.Location;
        await using var child = ChildProcess.Start(
            self,
            [
                "limit",
                "--bootstrap", options.BootstrapServers,
                "--topic", options.Topic,
                "--partitions", options.Partitions.ToString(CultureInfo.InvariantCulture),
                "--records", records.ToString(CultureInfo.InvariantCulture),
            ],
            new Dictionary<string, string>(),
            Path.Combine(options.WorkDirectory, "limit.log"));
        var exitCode = await child.WaitForExitAsync(cancellationToken);
        var line = child.StandardOutput.LastOrDefault(l => l.StartsWith('{'));
        if (exitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"the limit consumer failed (exit code {exitCode}); see {child.LogPath}");
        }

        var result = JsonSerializer.Deserialize<LimitResult>(line)!;
        return result.Records == records
            ? result
            : throw new InvalidOperationException($"the limit consumer read {result.Records:N0} of {records:N0} records; see {child.LogPath}");
    }
}
