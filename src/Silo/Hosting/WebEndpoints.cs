using Orleans.Saga.Silo.Observability;

namespace Orleans.Saga.Silo.Hosting;

/// <summary>The listeners of the silo's web host: health and metrics, and the dashboard's own.</summary>
public static class WebEndpoints
{
    public static string[] Urls(SiloEndpointOptions silo, SagaDashboardOptions dashboard)
    {
        var http = $"http://{silo.HttpAddress}:{silo.HttpPort}";
        if (!dashboard.Enabled)
        {
            return [http];
        }

        if (dashboard.Port == silo.HttpPort)
        {
            throw new InvalidOperationException(
                $"Saga:Dashboard:Port and Saga:Silo:HttpPort are both {silo.HttpPort}: the dashboard needs its own port (or Saga:Dashboard:Enabled=false).");
        }

        return [http, $"http://{dashboard.Address}:{dashboard.Port}"];
    }
}
