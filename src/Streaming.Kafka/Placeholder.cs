namespace Orleans.Saga.Streaming.Kafka; internal static class Placeholder {}
