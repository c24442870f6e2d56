using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Saga.Client.Settings;
using Orleans.Saga.Persistence.MySql;

namespace Orleans.Saga.Client.Cluster;

/// <summary>
/// An Orleans client connected to the cluster, for the duration of one command. Connecting fails fast: two attempts
/// within <see cref="ClusterSettings.ConnectTimeout"/>, then a <see cref="ClusterUnreachableException"/>.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(2);

    private readonly IHost? _host;

    private ClusterConnection(IHost? host, IClusterClient client, ClusterSettings settings)
    {
        _host = host;
        Client = client;
        Settings = settings;
    }

    public IClusterClient Client { get; }

    public ClusterSettings Settings { get; }

    /// <summary>Wraps a client that someone else owns (a test cluster's); disposing leaves it connected.</summary>
    public static ClusterConnection Existing(IClusterClient client, ClusterSettings settings) => new(null, client, settings);

    public static async Task<ClusterConnection> ConnectAsync(ClusterSettings settings, bool verbose, CancellationToken cancellationToken)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (verbose)
        {
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Information);
        }

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            UseClustering(client, settings);
            client.UseConnectionRetryFilter(new FailFastRetryFilter(attempts: 2, delay: TimeSpan.FromMilliseconds(500)));
            client.Configure<ConnectionOptions>(options => options.OpenConnectionTimeout = settings.ConnectTimeout / 2);
        });

        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host, host.Services.GetRequiredService<IClusterClient>(), settings);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            await StopAsync(host);
            throw ClusterUnreachableException.CannotConnect(settings, exception);
        }
        catch
        {
            await StopAsync(host);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await StopAsync(_host);
        }
    }

    private static void UseClustering(IClientBuilder client, ClusterSettings settings)
    {
        if (settings.Gateways.Count > 0)
        {
            client.UseStaticClustering(settings.Gateways.SelectMany(Resolve).ToArray());
        }
        else if (settings.Clustering == ClusteringMode.Localhost)
        {
            client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
        }
        else
        {
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = MySqlConnectionStrings.AdoNetInvariant;
                options.ConnectionString = settings.MySqlConnectionString;
            });
        }
    }

    private static IEnumerable<IPEndPoint> Resolve(string gateway)
    {
        var endpoint = GatewayAddress.Parse(gateway);
        if (IPAddress.TryParse(endpoint.Host, out var address))
        {
            return [new IPEndPoint(address, endpoint.Port)];
        }

        return Dns.GetHostAddresses(endpoint.Host).Select(resolved => new IPEndPoint(resolved, endpoint.Port));
    }

    private static async Task StopAsync(IHost host)
    {
        try
        {
            using var stopping = new CancellationTokenSource(StopTimeout);
            await host.StopAsync(stopping.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A client that never connected, or a cluster that is gone: there is nothing to close gracefully.
        }
        finally
        {
            host.Dispose();
        }
    }
}
