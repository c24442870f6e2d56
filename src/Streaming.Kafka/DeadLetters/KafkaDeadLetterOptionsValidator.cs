using Microsoft.Extensions.Options;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>Checks <see cref="KafkaDeadLetterOptions"/> when they are first used.</summary>
public sealed class KafkaDeadLetterOptionsValidator : IValidateOptions<KafkaDeadLetterOptions>
{
    private static readonly string[] Reserved = ["bootstrap.servers", "enable.idempotence", "acks"];

    public ValidateOptionsResult Validate(string? name, KafkaDeadLetterOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            errors.Add($"{nameof(options.BootstrapServers)} is required (host:port[,host:port...]).");
        }

        if (string.IsNullOrWhiteSpace(options.Topic))
        {
            errors.Add($"{nameof(options.Topic)} is required.");
        }

        if (options.DeliveryTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{nameof(options.DeliveryTimeout)} must be at least 1 s (was {options.DeliveryTimeout}).");
        }

        if (options.MaxRetryDelay <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(options.MaxRetryDelay)} must be positive (was {options.MaxRetryDelay}).");
        }

        if (options.MaxMessageBytes < 1000)
        {
            errors.Add($"{nameof(options.MaxMessageBytes)} must be at least 1000 (was {options.MaxMessageBytes}).");
        }

        errors.AddRange(options.ProducerSettings.Keys.Where(Reserved.Contains)
            .Select(key => $"{nameof(options.ProducerSettings)} may not set '{key}': dead letters are sent idempotently with acks=all."));

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
