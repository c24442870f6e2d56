namespace Orleans.Saga.Silo.Observability;

/// <summary>The Orleans Dashboard (section <c>Saga:Dashboard</c>): its own listener, on loopback unless told otherwise.</summary>
public sealed class SagaDashboardOptions
{
    public const string SectionName = "Saga:Dashboard";

    /// <summary>Serve the dashboard. Set it alike on every silo: the dashboard's grains live on all of them.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address the dashboard listens on; loopback keeps it private to the host (or pod: use port-forward).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port of the dashboard's listener; must differ from <c>Saga:Silo:HttpPort</c>.</summary>
    public int Port { get; set; } = 8081;
}
