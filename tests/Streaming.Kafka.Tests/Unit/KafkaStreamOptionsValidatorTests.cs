namespace Orleans.Saga.Streaming.Kafka.Tests;

public sealed class KafkaStreamOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(KafkaStreamOptionsValidator.Validate(new KafkaStreamOptions()));

    [Fact]
    public void Each_problem_is_reported_by_name()
    {
        var options = new KafkaStreamOptions
        {
            BootstrapServers = " ",
            Topic = "",
            PartitionCount = 0,
            MaxBatchSize = 0,
            PollTimeout = TimeSpan.Zero,
            CheckpointInterval = TimeSpan.FromMilliseconds(10),
            CacheSize = 5,
            ConsumerSettings = { ["auto.offset.reset"] = "earliest", ["security.protocol"] = "ssl" },
        };

        var errors = KafkaStreamOptionsValidator.Validate(options).ToList();

        Assert.Equal(8, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("BootstrapServers is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Topic is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("PartitionCount must be at least 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MaxBatchSize must be at least 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("PollTimeout must be within", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("CheckpointInterval must be at least 100 ms", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("CacheSize must be at least 10", StringComparison.Ordinal));
        Assert.Contains(errors, e => e == "ConsumerSettings may not set 'auto.offset.reset': the provider's delivery guarantees depend on it.");
    }

    [Fact]
    public void The_silo_refuses_to_start_with_invalid_options()
    {
        var validator = new KafkaStreamOptionsValidator(new KafkaStreamOptions { Topic = "" }, "kafka");

        var exception = Assert.Throws<Orleans.Runtime.OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains("stream provider 'kafka'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Topic is required", exception.Message, StringComparison.Ordinal);
    }
}
