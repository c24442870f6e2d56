namespace Orleans.Saga.Client.Settings;

/// <summary>How the client finds the silos' gateways (<c>Saga:Clustering</c>, as for the silo).</summary>
public enum ClusteringMode
{
    /// <summary>A silo on this machine, gateway at 127.0.0.1:<c>Saga:Silo:GatewayPort</c>.</summary>
    Localhost,

    /// <summary>The gateways listed in the MySQL membership table (<c>ConnectionStrings:MySql</c>).</summary>
    AdoNet,

    /// <summary>Silos hosted in Kubernetes keep their membership in MySQL too; a client reads it as with <see cref="AdoNet"/>.</summary>
    Kubernetes,
}
