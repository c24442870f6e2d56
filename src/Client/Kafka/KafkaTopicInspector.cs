using Confluent.Kafka;
using Orleans.Saga.Client.Settings;
using KafkaErrorCode = Confluent.Kafka.ErrorCode;
using KafkaMetadata = Confluent.Kafka.Metadata;

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
        var topic = ReadMetadata().Topics.FirstOrDefault(t => t.Topic == settings.Topic && t.Error.Code == KafkaErrorCode.NoError);
        return topic is null
            ? new TopicOffsets(settings.Topic, Exists: false, [])
            : new TopicOffsets(settings.Topic, Exists: true, QueryWatermarks(topic.Partitions.Select(p => p.PartitionId).Order()));
    }

    private KafkaMetadata ReadMetadata()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig
            {
                BootstrapServers = settings.BootstrapServers,
                SocketTimeoutMs = (int)settings.RequestTimeout.TotalMilliseconds,
            })
            .SetLogHandler((_, message) => log.OnLog(message))
            .SetErrorHandler((_, error) => log.OnError(error))
            .Build();
        try
        {
            // All topics: asking for one by name would create it on a broker that creates topics automatically.
            return admin.GetMetadata(settings.RequestTimeout);
        }
        catch (KafkaException exception)
        {
            throw new BrokerUnreachableException(settings, exception);
        }
    }

    private List<PartitionOffsets> QueryWatermarks(IEnumerable<int> partitions)
    {
        // The consumer never subscribes or commits: its group id is only there because the client requires one.
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
            {
                BootstrapServers = settings.BootstrapServers,
                GroupId = "saga-cli-offsets",
                EnableAutoCommit = false,
                SocketTimeoutMs = (int)settings.RequestTimeout.TotalMilliseconds,
            })
            .SetLogHandler((_, message) => log.OnLog(message))
            .SetErrorHandler((_, error) => log.OnError(error))
            .Build();
        try
        {
            return partitions
                .Select(partition =>
                {
                    var offsets = consumer.QueryWatermarkOffsets(new TopicPartition(settings.Topic, partition), settings.RequestTimeout);
                    return new PartitionOffsets(partition, offsets.Low.Value, offsets.High.Value);
                })
                .ToList();
        }
        catch (KafkaException exception)
        {
            throw new BrokerUnreachableException(settings, exception);
        }
    }
}
