using System.Collections.Concurrent;
using System.Text;

namespace Orleans.Saga.Streaming.Kafka.Tests;

/// <summary>One record as the consumer grain received it.</summary>
public sealed record Delivered(int GrainKey, string Topic, int Partition, long Offset, long PrecedingPosition, string Value, int Batch, long LogEndOffset, long? LostFrom);

/// <summary>Everything delivered to <see cref="RecordingConsumerGrain"/>s in this process, in arrival order.</summary>
public static class DeliveryLog
{
    private static readonly ConcurrentQueue<Delivered> s_records = new();
    private static int s_batches;

    public static void Record(int grainKey, IReadOnlyList<KafkaRecord> batch)
    {
        var number = Interlocked.Increment(ref s_batches);
        foreach (var record in batch)
        {
            var value = record.Value.Length <= 256 ? Encoding.UTF8.GetString(record.Value) : $"<{record.Value.Length} bytes>";
            s_records.Enqueue(new Delivered(grainKey, record.Topic, record.Partition, record.Offset, record.PrecedingPosition, value, number, record.LogEndOffset, record.LostFrom));
        }
    }

    public static IReadOnlyList<Delivered> For(string topic) => [.. s_records.Where(record => record.Topic == topic)];

    public static IReadOnlyList<Delivered> For(string topic, int partition) =>
        [.. s_records.Where(record => record.Topic == topic && record.Partition == partition)];
}
