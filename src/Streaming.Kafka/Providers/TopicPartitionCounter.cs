using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>Asks the brokers how many partitions a topic has, until they answer.</summary>
internal static partial class TopicPartitionCounter
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    public static async Task<int> CountAsync(KafkaStreamOptions options, ILogger logger, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var config = new AdminClientConfig { BootstrapServers = options.BootstrapServers, LogConnectionClose = false };
        foreach (var (key, value) in options.ConsumerSettings)
        {
            // Security and network settings apply to the metadata request too; consumer-only ones are ignored.
            config.Set(key, value);
        }

        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string problem;
            try
            {
                var metadata = await Task.Run(() => admin.GetMetadata(options.Topic, MetadataTimeout), cancellationToken);
                var topic = metadata.Topics.SingleOrDefault(t => t.Topic == options.Topic);
                if (topic is { Error.IsError: false, Partitions.Count: > 0 })
                {
                    LogPartitionsFound(logger, options.Topic, options.BootstrapServers, topic.Partitions.Count);
                    return topic.Partitions.Count;
                }

                problem = topic?.Error is { IsError: true } error ? $"{error.Code}: {error.Reason}" : "the topic has no partitions";
            }
            catch (KafkaException exception)
            {
                problem = $"{exception.Error.Code}: {exception.Error.Reason}";
            }

            LogWaitingForTopic(logger, options.Topic, options.BootstrapServers, problem, delay);
            await Task.Delay(delay, timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka topic '{Topic}' on {Servers} has {Count} partitions, each read as one stream queue.")]
    private static partial void LogPartitionsFound(ILogger logger, string topic, string servers, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for Kafka topic '{Topic}' on {Servers} to report its partitions ({Problem}); the silo does not finish starting until it does. Retrying in {Delay}. Set PartitionCount to start without asking.")]
    private static partial void LogWaitingForTopic(ILogger logger, string topic, string servers, string problem, TimeSpan delay);
}
