using Confluent.Kafka;
using KafkaErrorCode = Confluent.Kafka.ErrorCode;
using KafkaMetadata = Confluent.Kafka.Metadata;
using Orleans.Saga.Client.Settings;

namespace Orleans.Saga.Client.Kafka;

/// <summary>
/// Reads a topic's partitions and watermarks: a metadata request, then ListOffsets per partition. Both work on the
/// dev broker, which lacks OffsetsForTimes and the consumer-group listings, so nothing else is asked.
/// </summary>
public sealed class KafkaTopicInspector(KafkaSettings settings, KafkaClientLog log)
{
    /// <summary>Throws <see cref="BrokerUnreachableException"/> when no broker answers within the request timeout.</summary>
    public Task<TopicOffsets> GetOffsetsAsync(CancellationToken cancellationToken) =>
        Task.Run(GetOffsets, cancellationToken);

    private TopicOffsets GetOffsets()
    {
        var timeout = settings.RequestTimeout;
        KafkaMetadata metadata;
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = settings.BootstrapServers, SocketTimeoutMs = (int)timeout.TotalMilliseconds })
            .SetLogHandler((_, message) => log.OnLog(message))
            .SetErrorHandler((_, error) => log.OnError(error))
            .Build())
        {
            try
            {
                // All topics: asking for one by name would create it on a broker that creates topics automatically.
                metadata = admin.GetMetadata(timeout);
            }
            catch (KafkaException exception)
            {
                throw new BrokerUnreachableException(settings, exception);
            }
        }

        var topic = metadata.Topics.FirstOrDefault(t => t.Topic == settings.Topic && t.Error.Code == KafkaErrorCode.NoError);
        if (topic is null)
        {
            return new TopicOffsets(settings.Topic, Exists: false, []);
        }

        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
            {
                BootstrapServers = settings.BootstrapServers,
                GroupId = "saga-cli-offsets",
                EnableAutoCommit = false,
                SocketTimeoutMs = (int)timeout.TotalMilliseconds,
            })
            .SetLogHandler((_, message) => log.OnLog(message))
            .SetErrorHandler((_, error) => log.OnError(error))
            .Build();
        try
        {
            var partitions = topic.Partitions
                .OrderBy(p => p.PartitionId)
                .Select(p =>
                {
                    var offsets = consumer.QueryWatermarkOffsets(new TopicPartition(settings.Topic, p.PartitionId), timeout);
                    return new PartitionOffsets(p.PartitionId, offsets.Low.Value, offsets.High.Value);
                })
                .ToList();
            return new TopicOffsets(settings.Topic, Exists: true, partitions);
        }
        catch (KafkaException exception)
        {
            throw new BrokerUnreachableException(settings, exception);
        }
    }
}
