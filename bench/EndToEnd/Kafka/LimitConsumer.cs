using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Orleans.Saga.Bench.EndToEnd.Processes;

namespace Orleans.Saga.Bench.EndToEnd.Kafka;

/// <summary>
/// The limit: a plain Confluent consumer that reads every partition of the topic from the start and parses each
/// value as JSON (every token, nothing kept), nothing else. It runs in a child process of its own, so that its CPU
/// time and memory are measured the way the silo's are: from its process start (a cold start is part of the cost)
/// to its last record.
/// </summary>
public static class LimitConsumer
{
    public static LimitResult Run(string bootstrapServers, string topic, int partitions, long records, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-limit",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions)
            .Select(p => new TopicPartitionOffset(topic, new Partition(p), Offset.Beginning)));

        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long consumed = 0, tokens = 0, bytes = 0;
        while (consumed < records && Stopwatch.GetTimestamp() < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is not { } message)
            {
                continue;
            }

            tokens += Parse(message.Value);
            bytes += message.Value.Length;
            consumed++;
        }

        using var process = Process.GetCurrentProcess();
        var elapsed = DateTime.Now - process.StartTime;
        var self = ProcStat.Read(Environment.ProcessId);
        return new LimitResult(consumed, tokens, bytes, elapsed.TotalSeconds, self.CpuTime.TotalSeconds, self.PeakRssBytes);
    }

    private static long Parse(byte[] value)
    {
        var reader = new Utf8JsonReader(value);
        long tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }
}

/// <summary>What the limit consumer measured; written as one JSON line on its standard output.</summary>
public sealed record LimitResult(long Records, long Tokens, long Bytes, double Seconds, double CpuSeconds, long PeakRssBytes);
