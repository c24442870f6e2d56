using Confluent.Kafka;
using Orleans.Saga.DevKafka.Tests.Infrastructure;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Kafka;

/// <summary>Writes planned records to their partitions, as outside producers would: a Confluent producer, or kcat.</summary>
public sealed class RecordProducer(string bootstrap, string topic) : IDisposable
{
    private readonly IProducer<Null, byte[]> _producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrap,
        // Keeps each partition's order and writes each record once across the retries of a broker outage.
        EnableIdempotence = true,
        LingerMs = 5,
        MessageTimeoutMs = 120_000,
    }).SetLogHandler(TopicReader.Quiet).Build();

    /// <summary>Produces with Confluent.Kafka; completes once the broker has acknowledged every record.</summary>
    public Task ProduceAsync(IReadOnlyList<PlannedRecord> records) => SendAsync(_producer, records);

    /// <summary>
    /// Produces with a transactional Confluent producer, every record in one transaction, and commits it: each partition
    /// written gets a commit marker after its records, an offset that holds no record.
    /// </summary>
    public async Task ProduceInTransactionAsync(IReadOnlyList<PlannedRecord> records)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            TransactionalId = $"saga-e2e-{Guid.NewGuid():N}",
            LingerMs = 5,
        }).SetLogHandler(TopicReader.Quiet).Build();
        var timeout = TimeSpan.FromSeconds(30);
        producer.InitTransactions(timeout);
        producer.BeginTransaction();
        await SendAsync(producer, records);
        producer.CommitTransaction(timeout);
    }

    /// <summary>Sends every record to its partition; completes once the broker has acknowledged them all.</summary>
    private async Task SendAsync(IProducer<Null, byte[]> producer, IReadOnlyList<PlannedRecord> records) =>
        await Task.WhenAll(records.Select(record => producer.ProduceAsync(
            new TopicPartition(topic, record.Partition),
            new Message<Null, byte[]> { Value = record.Value })).ToList());

    /// <summary>Produces values outside the plan to one partition; completes once the broker has acknowledged them.</summary>
    public async Task ProduceUnplannedAsync(int partition, IEnumerable<byte[]> values) =>
        await Task.WhenAll(values.Select(value => _producer.ProduceAsync(new TopicPartition(topic, partition), new Message<Null, byte[]> { Value = value })));

    /// <summary>Produces with <c>kcat -P -p P -l FILE</c>, one file of newline-separated values per partition.</summary>
    public async Task ProduceWithKcatAsync(IReadOnlyList<PlannedRecord> records)
    {
        foreach (var partition in records.GroupBy(record => record.Partition))
        {
            var file = Path.Combine(Path.GetTempPath(), $"saga-e2e-kcat-{Guid.NewGuid():N}.txt");
            try
            {
                await using (var values = File.Create(file))
                {
                    foreach (var record in partition)
                    {
                        if (record.Value.Contains((byte)'\n'))
                        {
                            throw new InvalidOperationException("kcat splits its input at newlines; this value contains one.");
                        }

                        await values.WriteAsync(record.Value);
                        values.WriteByte((byte)'\n');
                    }
                }

                await Kcat.RunAsync(["-P", "-b", bootstrap, "-t", topic, "-p", $"{partition.Key}", "-l", file]);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    public void Dispose() => _producer.Dispose();
}
