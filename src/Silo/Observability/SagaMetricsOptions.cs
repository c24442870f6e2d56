namespace Orleans.Saga.Silo.Observability;

/// <summary>OpenTelemetry metrics with a Prometheus scrape endpoint (section <c>Saga:Metrics</c>).</summary>
public sealed class SagaMetricsOptions
{
    public const string SectionName = "Saga:Metrics";

    /// <summary>The scrape endpoint's path on the HTTP port.</summary>
    public const string ScrapePath = "/metrics";

    /// <summary>Collect the meters in <see cref="SagaMeters.Names"/> and serve them at <see cref="ScrapePath"/>.</summary>
    public bool Enabled { get; set; } = true;
}
