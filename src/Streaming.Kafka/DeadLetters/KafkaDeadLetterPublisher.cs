using System.Globalization;
using System.Text;
using Confluent.Kafka;
using KafkaErrorCode = Confluent.Kafka.ErrorCode;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// Publishes rejected records to the dead-letter topic: key and value unchanged, the original headers followed by
/// the <see cref="DeadLetterHeaders"/>. Idempotent producer with acks=all; while the broker is unreachable a send
/// is retried with backoff until the caller cancels. A record may be dead-lettered twice if a retry follows a
/// send whose acknowledgement was lost.
/// </summary>
public sealed partial class KafkaDeadLetterPublisher : IDeadLetterPublisher, IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly KafkaDeadLetterOptions _options;
    private readonly KafkaStreamMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private int _disposed;

    public KafkaDeadLetterPublisher(IOptions<KafkaDeadLetterOptions> options, KafkaStreamMetrics metrics, ILogger<KafkaDeadLetterPublisher> logger)
    {
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        var config = new ProducerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            ClientId = "orleans-saga-dead-letters",
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = (int)_options.DeliveryTimeout.TotalMilliseconds,
            MessageMaxBytes = _options.MaxMessageBytes,
            LingerMs = 5,
            ReconnectBackoffMaxMs = 2000,
            LogConnectionClose = false,
        };
        foreach (var (key, value) in _options.ProducerSettings)
        {
            config.Set(key, value);
        }

        _producer = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetErrorHandler((_, error) => _metrics.RecordBrokerError("dead-letters", error.Code.ToString()))
            .SetLogHandler((_, _) => { })
            .Build();
    }

    public async Task PublishAsync(KafkaRecord record, string reason, string detail, CancellationToken cancellationToken)
    {
        var message = ToMessage(record, reason, detail);
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _producer.ProduceAsync(_options.Topic, message, cancellationToken);
                _metrics.RecordDeadLetter(reason);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> exception) when (IsTransient(exception.Error))
            {
                LogRetrying($"{record.Topic}[{record.Partition}]@{record.Offset}", _options.Topic, attempt, exception.Error.Code, exception.Error.Reason, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>The dead-letter message for <paramref name="record"/>.</summary>
    public static Message<byte[]?, byte[]> ToMessage(KafkaRecord record, string reason, string detail)
    {
        var headers = new Headers();
        foreach (var header in record.Headers)
        {
            headers.Add(header.Key, header.Value);
        }

        headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason));
        headers.Add(DeadLetterHeaders.Detail, Encoding.UTF8.GetBytes(detail));
        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(record.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Invariant(record.Partition));
        headers.Add(DeadLetterHeaders.SourceOffset, Invariant(record.Offset));
        headers.Add(DeadLetterHeaders.SourceTimestamp, Invariant(record.TimestampMs));
        return new Message<byte[]?, byte[]> { Key = record.Key, Value = record.Value, Headers = headers };
    }

    public void Dispose()
    {
        // Registered under two service types, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _producer.Flush(TimeSpan.FromSeconds(10));
            _producer.Dispose();
        }
    }

    private static byte[] Invariant(long value) => Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Errors that another send can cure; anything about the record itself or permissions is final.</summary>
    private static bool IsTransient(Error error) => !error.IsFatal && error.Code is not (
        KafkaErrorCode.MsgSizeTooLarge or KafkaErrorCode.InvalidMsg or KafkaErrorCode.InvalidMsgSize
        or KafkaErrorCode.RecordListTooLarge or KafkaErrorCode.InvalidRecord or KafkaErrorCode.Local_BadMsg or KafkaErrorCode.Local_InvalidArg
        or KafkaErrorCode.TopicAuthorizationFailed or KafkaErrorCode.ClusterAuthorizationFailed or KafkaErrorCode.TopicException);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettering {Record} to '{Topic}' failed (attempt {Attempt}, {Code}: {Reason}); retrying in {Delay}.")]
    private partial void LogRetrying(string record, string topic, int attempt, KafkaErrorCode code, string reason, TimeSpan delay);
}
