using System.Collections.Concurrent;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>A dead-letter place the test can read: every published record with its reason.</summary>
public sealed class InMemoryDeadLetterPublisher : IDeadLetterPublisher
{
    public ConcurrentQueue<DeadLetter> Letters { get; } = new();

    public Task PublishAsync(KafkaRecord record, string reason, string detail, CancellationToken cancellationToken)
    {
        Letters.Enqueue(new DeadLetter(record, reason, detail));
        return Task.CompletedTask;
    }

    public sealed record DeadLetter(KafkaRecord Record, string Reason, string Detail);
}
