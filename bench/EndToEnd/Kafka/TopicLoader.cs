using System.Diagnostics;
using Confluent.Kafka;
using Orleans.Saga.Bench.EndToEnd.Workload;

namespace Orleans.Saga.Bench.EndToEnd.Kafka;

/// <summary>
/// Pre-produces the workload as fast as the broker takes it, zstd-compressed so that each partition stays well
/// inside the dev broker's ~5 MiB retention, and checks from the partitions' watermarks that every record is there.
/// </summary>
public sealed class TopicLoader(string bootstrapServers, string topic)
{
    public LoadResult Load(IEnumerable<BenchRecord> records, int partitions, Action<BenchRecord> onRecord)
    {
        var delivered = new long[partitions];
        long failed = 0;
        string? firstError = null;
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            CompressionType = CompressionType.Zstd,
            LingerMs = 50,
            BatchSize = 1_000_000,
            BatchNumMessages = 10_000,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 1_048_576,
            EnableIdempotence = false,
            Acks = Acks.All,
        };
        using var producer = new ProducerBuilder<Null, byte[]>(config).Build();
        void OnDelivery(DeliveryReport<Null, byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstError, report.Error.Reason, null);
            }
            else
            {
                Interlocked.Increment(ref delivered[report.Partition.Value]);
            }
        }

        var started = Stopwatch.GetTimestamp();
        long bytes = 0;
        foreach (var record in records)
        {
            onRecord(record);
            bytes += record.Value.Length;
            var target = new TopicPartition(topic, new Partition(record.Partition));
            var message = new Message<Null, byte[]> { Value = record.Value };
            while (true)
            {
                try
                {
                    producer.Produce(target, message, OnDelivery);
                    break;
                }
                catch (ProduceException<Null, byte[]> exception) when (exception.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(20));
                }
            }
        }

        if (producer.Flush(TimeSpan.FromMinutes(5)) > 0)
        {
            throw new InvalidOperationException("the producer could not deliver every record within 5 minutes");
        }

        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} records were not delivered: {firstError}");
        }

        return new LoadResult(delivered, bytes, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Problems found comparing each partition's low and high watermarks with what was delivered to it: the
    /// broker dropped records (retention) when the low watermark is above 0 or the range is short. Empty when
    /// every record is there.
    /// </summary>
    public IReadOnlyList<string> Verify(IReadOnlyList<long> delivered)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-verify",
            EnableAutoCommit = false,
        }).Build();
        var problems = new List<string>();
        for (var p = 0; p < delivered.Count; p++)
        {
            var offsets = consumer.QueryWatermarkOffsets(new TopicPartition(topic, new Partition(p)), TimeSpan.FromSeconds(10));
            if (offsets.Low.Value != 0 || offsets.High.Value != delivered[p])
            {
                problems.Add($"partition {p}: watermarks [{offsets.Low.Value}, {offsets.High.Value}) but {delivered[p]} records were delivered");
            }
        }

        return problems;
    }

    /// <summary>The high watermarks now: a fresh topic has 0 everywhere.</summary>
    public long[] HighWatermarks(int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-verify",
            EnableAutoCommit = false,
        }).Build();
        return Enumerable.Range(0, partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, new Partition(p)), TimeSpan.FromSeconds(10)).High.Value)
            .ToArray();
    }
}

/// <summary>Records delivered per partition, value bytes, and how long producing took.</summary>
public sealed record LoadResult(long[] Delivered, long Bytes, TimeSpan Elapsed)
{
    public long Records => Delivered.Sum();
}
