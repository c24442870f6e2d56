namespace Orleans.Saga.Streaming.Kafka;

[GenerateSerializer, Immutable]
public sealed record KafkaHeader([property: Id(0)] string Key, [property: Id(1)] byte[] Value);
