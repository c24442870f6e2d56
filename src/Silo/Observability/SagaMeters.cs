using Orleans.Saga.Domain.Classification;
using Orleans.Saga.Metrics;
using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Silo.Observability;

/// <summary>The meters a silo exports.</summary>
public static class SagaMeters
{
    /// <summary>Orleans' own meter: activations, messaging, membership, storage and stream internals.</summary>
    public const string Orleans = "Microsoft.Orleans";

    public static readonly IReadOnlyList<string> Names =
    [
        PipelineMetrics.MeterName,
        KafkaStreamMetrics.MeterName,
        MySqlWindowRowStore.MeterName,
        ClassifierMetrics.MeterName,
        Orleans,
    ];
}
