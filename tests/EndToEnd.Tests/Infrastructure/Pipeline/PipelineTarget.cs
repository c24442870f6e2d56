namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

/// <summary>
/// Everything one test's silos read and write, none of it shared with other tests: the event topic and its
/// dead-letter topic, the consumer group, the database, the characters file, and the service id that keys grain state.
/// </summary>
public sealed record PipelineTarget(
    string Bootstrap,
    string Topic,
    string DeadLetterTopic,
    string ConsumerGroup,
    string MySqlConnectionString,
    string CharactersPath,
    string ServiceId);
