namespace Orleans.Saga.Silo.Hosting;

/// <summary>The silo's ports and addresses (section <c>Saga:Silo</c>).</summary>
public sealed class SiloEndpointOptions
{
    public const string SectionName = "Saga:Silo";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Health and metrics port (the dashboard has its own, <c>Saga:Dashboard:Port</c>).</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>Address the HTTP endpoints listen on; loopback unless the silo runs in a container.</summary>
    public string HttpAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Address other silos and clients use to reach this one: an IP or a host name resolved once at start (a compose
    /// service name). Loopback by default; the pod IP in Kubernetes. When set, the silo listens on every address.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>With localhost clustering, the first silo's port: set it on the second and later silos.</summary>
    public int? PrimarySiloPort { get; set; }
}
