using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Saga.Domain.Classification;
using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Health;

/// <summary>Reports the classifier, database and Kafka health as this silo sees them. Any silo may answer.</summary>
[StatelessWorker]
public sealed class HealthGrain(ISagaClassifier classifier, IWindowRowStore rows, IServiceProvider services, TimeProvider time) : Grain, IHealthGrain
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthReport> Check() => new(
        RuntimeIdentity,
        CheckClassifier(),
        await CheckDatabaseAsync(),
        CheckKafka(),
        time.GetUtcNow());

    // The HTTP classifier reports the outcome of its latest requests; probing it here could wait out a retry loop.
    private ClassifierHealth CheckClassifier() => classifier switch
    {
        HttpSagaClassifier http => new ClassifierHealth("http", http.IsHealthy,
            $"{http.Requests} requests, {http.Failures} failures, {http.CacheHits} cache hits"),
        _ => new ClassifierHealth("embedded", true, "in-process"),
    };

    private async Task<DatabaseHealth> CheckDatabaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(DatabaseTimeout);
            return await rows.PingAsync(timeout.Token)
                ? new DatabaseHealth(true, "answers")
                : new DatabaseHealth(false, "does not answer");
        }
        catch (Exception exception)
        {
            return new DatabaseHealth(false, exception.Message);
        }
    }

    private BrokerHealth CheckKafka()
    {
        var status = services.GetService<KafkaStreamStatus>();
        if (status is null)
        {
            return new BrokerHealth(true, "no Kafka source on this silo (memory streams)");
        }

        var assigned = status.Partitions.Count(p => p.Assigned);
        return status.BrokerReachable
            ? new BrokerHealth(true, $"{assigned} partitions read here")
            : new BrokerHealth(false, "brokers unreachable from this silo");
    }
}
