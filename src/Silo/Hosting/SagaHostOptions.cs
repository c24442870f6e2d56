namespace Orleans.Saga.Silo.Hosting;

/// <summary>How the silo joins its cluster and where its events come from (section <c>Saga</c>).</summary>
public sealed class SagaHostOptions
{
    public EventSource Source { get; set; } = EventSource.Kafka;

    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    public string ClusterId { get; set; } = "orleans-saga";

    public string ServiceId { get; set; } = "orleans-saga";
}

/// <summary>Where events enter the silo (<c>Saga:Source</c>).</summary>
public enum EventSource
{
    /// <summary>The Kafka topic <c>Saga:Kafka:Topic</c>, through our persistent stream provider.</summary>
    Kafka,

    /// <summary>Orleans memory streams fed by clients; for tests and demos, nothing survives a restart.</summary>
    Memory,
}

/// <summary>How silos find each other (<c>Saga:Clustering</c>).</summary>
public enum ClusteringMode
{
    /// <summary>A single silo (or a fixed primary) on this machine; no database needed for membership.</summary>
    Localhost,

    /// <summary>Membership in MySQL (<c>ConnectionStrings:MySql</c>): any number of silos on any hosts.</summary>
    AdoNet,

    /// <summary>ADO.NET membership plus Orleans' Kubernetes hosting, when running in a pod.</summary>
    Kubernetes,
}
