using Confluent.Kafka;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Kafka;

/// <summary>Reads topics back with a plain Confluent consumer: high watermarks, committed offsets, every record.</summary>
public sealed class TopicReader(string bootstrap) : IDisposable
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(10);

    private readonly IConsumer<byte[]?, byte[]?> _consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
    {
        BootstrapServers = bootstrap,
        GroupId = $"saga-e2e-reader-{Guid.NewGuid():N}",
        EnableAutoCommit = false,
        // The end of a partition's log can be a transaction's commit marker, an offset no record is read at: only the
        // end-of-partition event says the reader has passed it.
        EnablePartitionEof = true,
    }).SetLogHandler(Quiet).Build();

    /// <summary>The next offset of each partition, in partition order.</summary>
    public long[] HighWatermarks(string topic, int partitions) =>
        [.. Enumerable.Range(0, partitions).Select(p => _consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), BrokerTimeout).High.Value)];

    /// <summary>The first offset the broker still holds of a partition: what retention has not removed.</summary>
    public long LowWatermark(string topic, int partition) =>
        _consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), BrokerTimeout).Low.Value;

    /// <summary>The offsets <paramref name="group"/> has committed for each partition (-1001 when none).</summary>
    public long[] Committed(string group, string topic, int partitions)
    {
        using var member = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group }).SetLogHandler(Quiet).Build();
        var committed = member.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), BrokerTimeout);
        return [.. committed.OrderBy(c => c.Partition.Value).Select(c => c.Offset.Value)];
    }

    /// <summary>Every record of the topic up to its current high watermarks, in partition and offset order.</summary>
    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic, int partitions)
    {
        var high = HighWatermarks(topic, partitions);
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var pending = Enumerable.Range(0, partitions).Where(p => high[p] > 0).ToHashSet();
        _consumer.Assign(pending.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (pending.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Read {records.Count} records of {topic}; partitions {string.Join(",", pending)} did not reach their ends {string.Join(",", high)}.");
            }

            if (_consumer.Consume(TimeSpan.FromMilliseconds(500)) is not { } record)
            {
                continue;
            }

            if (record.IsPartitionEOF)
            {
                if (record.Offset.Value >= high[record.Partition.Value])
                {
                    pending.Remove(record.Partition.Value);
                }

                continue;
            }

            if (record.Message is not null && record.Offset.Value < high[record.Partition.Value])
            {
                records.Add(record);
                if (record.Offset.Value + 1 >= high[record.Partition.Value])
                {
                    pending.Remove(record.Partition.Value);
                }
            }
        }

        _consumer.Unassign();
        return [.. records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value)];
    }

    /// <summary>
    /// Each partition's offset after its last record, in partition order: the high watermark, unless the log ends in
    /// transaction markers, which take offsets but hold no record (and are not what a consumer must process).
    /// </summary>
    public long[] RecordEnds(string topic, int partitions) => RecordEnds(ReadAll(topic, partitions), HighWatermarks(topic, partitions));

    /// <summary>The record ends of <paramref name="records"/> (from <see cref="ReadAll"/>); a partition without any ends at its high watermark.</summary>
    public static long[] RecordEnds(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> records, long[] high) =>
        [.. high.Select((end, partition) => records.Where(r => r.Partition.Value == partition).Select(r => r.Offset.Value + 1).DefaultIfEmpty(end).Max())];

    /// <summary>librdkafka logs to stderr by default: thousands of lines while a test has the broker down.</summary>
    internal static void Quiet<TClient>(TClient client, LogMessage message)
    {
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
