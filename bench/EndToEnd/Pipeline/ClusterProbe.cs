using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Saga.Bench.EndToEnd.Processes;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Bench.EndToEnd.Pipeline;

/// <summary>
/// An Orleans client on the silo's gateway: the partitions' exact counters (to know when every record is consumed),
/// the window index's status (to know when every window is final) and the ranking grains' live leaders (latency).
/// </summary>
public sealed class ClusterProbe : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IClusterClient _client;

    private ClusterProbe(IHost host)
    {
        _host = host;
        _client = host.Services.GetRequiredService<IClusterClient>();
    }

    public static async Task<ClusterProbe> ConnectAsync(ChildProcess process, SiloSettings silo, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            SiloProcess.EnsureRunning(process);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.ClearProviders();
            builder.UseOrleansClient(client => client.UseLocalhostClustering(silo.GatewayPort, silo.ServiceId, SiloSettings.ClusterId));
            var host = builder.Build();
            try
            {
                await host.StartAsync(cancellationToken);
                return new ClusterProbe(host);
            }
            catch (Exception) when (Stopwatch.GetElapsedTime(started) < timeout && !cancellationToken.IsCancellationRequested)
            {
                host.Dispose();
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    /// <summary>Every partition grain's status, partition 0 first.</summary>
    public async Task<IReadOnlyList<PartitionStatus>> GetPartitionsAsync(int partitions) =>
        await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => _client.GetGrain<IPartitionGrain>(p).GetStatus()));

    public Task<StreamStatus> GetStreamStatusAsync() =>
        _client.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key).GetStreamStatus();

    public Task<WindowLeaders> GetLeadersAsync(long windowStart, string label, int top) =>
        _client.GetGrain<IWindowRankingGrain>(windowStart, label).GetLeaders(top);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The silo may already be gone.
        }
        finally
        {
            _host.Dispose();
        }
    }
}
