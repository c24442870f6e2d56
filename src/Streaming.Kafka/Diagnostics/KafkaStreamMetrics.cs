using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>The instruments of meter <see cref="MeterName"/>, tagged with topic and partition where they apply.</summary>
public sealed class KafkaStreamMetrics
{
    public const string MeterName = "Orleans.Saga.Kafka";

    private readonly Counter<long> _recordsConsumed;
    private readonly Counter<long> _bytesConsumed;
    private readonly Counter<long> _recordsLost;
    private readonly Counter<long> _brokerErrors;
    private readonly Counter<long> _deadLetters;

    public KafkaStreamMetrics(IMeterFactory meterFactory, KafkaStreamStatus status)
    {
        var meter = meterFactory.Create(MeterName);
        _recordsConsumed = meter.CreateCounter<long>("saga.kafka.consumer.records", "{record}", "Records read from Kafka.");
        _bytesConsumed = meter.CreateCounter<long>("saga.kafka.consumer.bytes", "By", "Key and value bytes read from Kafka.");
        _recordsLost = meter.CreateCounter<long>("saga.kafka.consumer.lost_records", "{record}", "Offsets removed by retention before they were read.");
        _brokerErrors = meter.CreateCounter<long>("saga.kafka.broker.errors", "{error}", "Errors reported by librdkafka.");
        _deadLetters = meter.CreateCounter<long>("saga.kafka.dead_letters", "{record}", "Records published to the dead-letter topic.");
        meter.CreateObservableGauge("saga.kafka.consumer.lag", () => ObserveLag(status), "{record}", "High watermark minus the receiver's position.");
    }

    internal void RecordConsumed(string topic, int partition, int records, long bytes)
    {
        var tags = PartitionTags(topic, partition);
        _recordsConsumed.Add(records, tags);
        _bytesConsumed.Add(bytes, tags);
    }

    internal void RecordLost(string topic, int partition, long records) => _recordsLost.Add(records, PartitionTags(topic, partition));

    internal void RecordBrokerError(string client, string code) =>
        _brokerErrors.Add(1, new TagList { { "client", client }, { "error", code } });

    internal void RecordDeadLetter(string reason) => _deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private static IEnumerable<Measurement<long>> ObserveLag(KafkaStreamStatus status) =>
        status.Partitions
            .Where(partition => partition.Assigned && partition.Lag.HasValue)
            .Select(partition => new Measurement<long>(partition.Lag!.Value, PartitionTags(partition.Topic, partition.Partition)));

    private static TagList PartitionTags(string topic, int partition) => new() { { "topic", topic }, { "partition", partition } };
}
