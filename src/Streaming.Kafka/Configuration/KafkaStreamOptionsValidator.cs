using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>Checks a Kafka stream provider's options when the silo starts.</summary>
public sealed class KafkaStreamOptionsValidator(KafkaStreamOptions options, string name) : IConfigurationValidator
{
    public static IConfigurationValidator Create(IServiceProvider services, string name) =>
        new KafkaStreamOptionsValidator(services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name), name);

    public void ValidateConfiguration()
    {
        var errors = Validate(options).ToList();
        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException(
                $"Invalid {nameof(KafkaStreamOptions)} for stream provider '{name}': {string.Join(" ", errors)}");
        }
    }

    /// <summary>Every problem with <paramref name="options"/>, one sentence each.</summary>
    public static IEnumerable<string> Validate(KafkaStreamOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            yield return $"{nameof(options.BootstrapServers)} is required (host:port[,host:port...]).";
        }

        if (string.IsNullOrWhiteSpace(options.Topic))
        {
            yield return $"{nameof(options.Topic)} is required.";
        }

        if (string.IsNullOrWhiteSpace(options.ConsumerGroup))
        {
            yield return $"{nameof(options.ConsumerGroup)} is required: offsets are committed to it.";
        }

        if (string.IsNullOrWhiteSpace(options.StreamNamespace))
        {
            yield return $"{nameof(options.StreamNamespace)} is required: consumers subscribe to it.";
        }

        if (options.PartitionCount is < 1)
        {
            yield return $"{nameof(options.PartitionCount)} must be at least 1, or null to ask the broker (was {options.PartitionCount}).";
        }

        if (options.MaxBatchSize < 1)
        {
            yield return $"{nameof(options.MaxBatchSize)} must be at least 1 (was {options.MaxBatchSize}).";
        }

        if (options.MaxBatchBytes < 1)
        {
            yield return $"{nameof(options.MaxBatchBytes)} must be at least 1 (was {options.MaxBatchBytes}).";
        }

        if (options.PollTimeout <= TimeSpan.Zero || options.PollTimeout > TimeSpan.FromSeconds(10))
        {
            yield return $"{nameof(options.PollTimeout)} must be within (0, 10s] (was {options.PollTimeout}).";
        }

        if (options.CheckpointInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return $"{nameof(options.CheckpointInterval)} must be at least 100 ms (was {options.CheckpointInterval}).";
        }

        if (options.StatusInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return $"{nameof(options.StatusInterval)} must be at least 100 ms (was {options.StatusInterval}).";
        }

        if (!Enum.IsDefined(options.AutoOffsetReset))
        {
            yield return $"{nameof(options.AutoOffsetReset)} must be Earliest or Latest (was {options.AutoOffsetReset}).";
        }

        if (options.CacheSize < 10)
        {
            yield return $"{nameof(options.CacheSize)} must be at least 10 batches: the queue cache applies back-pressure once 10 of its buckets are in use (was {options.CacheSize}).";
        }

        foreach (var key in options.ConsumerSettings.Keys.Where(KafkaClientSettings.Reserved.Contains).Order(StringComparer.Ordinal))
        {
            yield return $"{nameof(options.ConsumerSettings)} may not set '{key}': the provider's delivery guarantees depend on it.";
        }
    }
}
