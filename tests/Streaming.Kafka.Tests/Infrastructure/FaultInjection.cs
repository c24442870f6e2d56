using System.Collections.Concurrent;

namespace Orleans.Saga.Streaming.Kafka.Tests;

/// <summary>Makes <see cref="RecordingConsumerGrain"/> fail or stall its next deliveries of a partition.</summary>
public static class FaultInjection
{
    private static readonly ConcurrentDictionary<(string Topic, int Partition), ConcurrentQueue<Func<Task>>> s_faults = new();

    /// <summary>The next <paramref name="times"/> deliveries throw.</summary>
    public static void Fail(string topic, int partition, int times) =>
        Add(topic, partition, times, () => throw new InvalidOperationException("injected consumer failure"));

    /// <summary>The next <paramref name="times"/> deliveries take <paramref name="delay"/> before they are processed.</summary>
    public static void Stall(string topic, int partition, TimeSpan delay, int times) =>
        Add(topic, partition, times, () => Task.Delay(delay));

    public static Task BeforeDeliveryAsync(string topic, int partition) =>
        s_faults.TryGetValue((topic, partition), out var faults) && faults.TryDequeue(out var fault) ? fault() : Task.CompletedTask;

    private static void Add(string topic, int partition, int times, Func<Task> fault)
    {
        var faults = s_faults.GetOrAdd((topic, partition), _ => new ConcurrentQueue<Func<Task>>());
        for (var i = 0; i < times; i++)
        {
            faults.Enqueue(fault);
        }
    }
}
