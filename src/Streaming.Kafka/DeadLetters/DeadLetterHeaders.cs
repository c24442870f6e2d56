namespace Orleans.Saga.Streaming.Kafka;

/// <summary>Names of the headers <see cref="KafkaDeadLetterPublisher"/> adds to a dead-lettered record.</summary>
/// <remarks>Values are UTF-8 text; numbers are invariant decimal, the timestamp in Unix milliseconds.</remarks>
public static class DeadLetterHeaders
{
    public const string Reason = "saga-dlq-reason";
    public const string Detail = "saga-dlq-detail";
    public const string SourceTopic = "saga-source-topic";
    public const string SourcePartition = "saga-source-partition";
    public const string SourceOffset = "saga-source-offset";
    public const string SourceTimestamp = "saga-source-timestamp";
}
