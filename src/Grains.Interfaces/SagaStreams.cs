namespace Orleans.Saga;

/// <summary>Names shared by the silo, the grains and test publishers.</summary>
public static class SagaStreams
{
    /// <summary>The stream namespace that partition grains subscribe to implicitly; one stream per Kafka partition.</summary>
    public const string EventNamespace = "saga-events";

    /// <summary>The name of the stream provider that carries events into the silo.</summary>
    public const string ProviderName = "events";

    /// <summary>The name of the grain storage used by every Orleans.Saga grain.</summary>
    public const string StorageName = "saga";
}
