using System.Diagnostics;
using Confluent.Kafka;
using KafkaErrorCode = Confluent.Kafka.ErrorCode;
using Orleans.Saga.Client.Kafka;
using Orleans.Saga.Client.Settings;

namespace Orleans.Saga.Client.Producing;

/// <summary>
/// Produces events to Kafka with an idempotent, acks=all producer that batches (linger) and compresses. It first
/// asks the broker for metadata, so that an unreachable broker fails in seconds instead of after the delivery timeout.
/// </summary>
public sealed class KafkaEventPublisher(KafkaSettings settings, KafkaClientLog log)
{
    /// <summary>How long a record may wait for its acknowledgement, retries included.</summary>
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>After Ctrl-C, how long in-flight records may still take to be acknowledged.</summary>
    private static readonly TimeSpan InterruptedFlush = TimeSpan.FromSeconds(5);

    private static readonly HashSet<KafkaErrorCode> BrokerLoss =
        [KafkaErrorCode.Local_MsgTimedOut, KafkaErrorCode.Local_Transport, KafkaErrorCode.Local_AllBrokersDown, KafkaErrorCode.Local_TimedOut];

    public PublishProgress Progress { get; } = new();

    /// <summary>
    /// Produces every event in order, paced by <paramref name="pacer"/> if any, then waits for the acknowledgements.
    /// Cancelling stops producing new events and gives those in flight a few seconds. Blocks while flushing: run it
    /// off the UI thread.
    /// </summary>
    public async Task<PublishSummary> PublishAsync(IEnumerable<OutgoingEvent> events, TokenBucket? pacer, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string?, string>(new ProducerConfig
            {
                BootstrapServers = settings.BootstrapServers,
                ClientId = "saga-cli",
                Acks = Acks.All,
                EnableIdempotence = true,
                LingerMs = 5,
                BatchNumMessages = 10_000,
                CompressionType = CompressionType.Lz4,
                MessageTimeoutMs = (int)DeliveryTimeout.TotalMilliseconds,
                SocketTimeoutMs = (int)settings.RequestTimeout.TotalMilliseconds,
            })
            .SetLogHandler((_, message) => log.OnLog(message))
            .SetErrorHandler((_, error) => log.OnError(error))
            .Build();
        EnsureReachable(producer);

        var stopwatch = Stopwatch.StartNew();
        var interrupted = false;
        try
        {
            foreach (var outgoing in events)
            {
                if (pacer is not null)
                {
                    await pacer.WaitAsync(cancellationToken);
                }

                Produce(producer, outgoing, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
        }

        var unconfirmed = producer.Flush(interrupted ? InterruptedFlush : DeliveryTimeout + TimeSpan.FromSeconds(5));
        stopwatch.Stop();
        var sent = Progress.Delivered;
        return new PublishSummary(
            settings.Topic,
            settings.BootstrapServers,
            sent,
            Progress.Failed,
            unconfirmed,
            stopwatch.Elapsed.TotalSeconds,
            sent / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-3),
            Progress.FirstError,
            interrupted)
        {
            FailedForBrokerLoss = Progress.FirstErrorIsBrokerLoss,
        };
    }

    private void EnsureReachable(IProducer<string?, string> producer)
    {
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        try
        {
            admin.GetMetadata(settings.RequestTimeout);
        }
        catch (KafkaException exception)
        {
            throw new BrokerUnreachableException(settings, exception);
        }
    }

    private void Produce(IProducer<string?, string> producer, OutgoingEvent outgoing, CancellationToken cancellationToken)
    {
        var message = new Message<string?, string> { Key = outgoing.Key, Value = outgoing.Value };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                producer.Produce(settings.Topic, message, OnDelivery);
                Progress.OnProduced();
                return;
            }
            catch (ProduceException<string?, string> exception) when (exception.Error.Code == KafkaErrorCode.Local_QueueFull)
            {
                // The local queue is full: let deliveries drain it, then try again.
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private void OnDelivery(DeliveryReport<string?, string> report)
    {
        if (report.Error.IsError)
        {
            Progress.OnFailed($"{report.Error.Code}: {report.Error.Reason}", BrokerLoss.Contains(report.Error.Code));
        }
        else
        {
            Progress.OnDelivered();
        }
    }
}
