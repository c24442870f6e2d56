using System.Text;
using Microsoft.Extensions.Logging;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.DeadLetters;

/// <summary>
/// The dead-letter place when events come from memory streams (no Kafka): each rejected record is logged as a
/// warning with its reason, source position and a bounded preview of its value.
/// </summary>
public sealed partial class LoggingDeadLetterPublisher(ILogger<LoggingDeadLetterPublisher> logger) : IDeadLetterPublisher
{
    private const int PreviewBytes = 256;

    public Task PublishAsync(KafkaRecord record, string reason, string detail, CancellationToken cancellationToken)
    {
        var preview = Encoding.UTF8.GetString(record.Value.AsSpan(0, Math.Min(PreviewBytes, record.Value.Length)));
        LogDeadLetter(reason, record.Topic, record.Partition, record.Offset, detail, record.Value.Length, preview);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead letter ({Reason}) from {Topic}/{Partition}@{Offset}: {Detail}; {Length} bytes, starting {Preview}")]
    private partial void LogDeadLetter(string reason, string topic, int partition, long offset, string detail, int length, string preview);
}
