using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using Orleans.Saga.Deploy.Tests.Infrastructure;

namespace Orleans.Saga.Deploy.Tests.Observability;

/// <summary>
/// A real silo process reading a Kafka topic into a MariaDB that the test stops and starts: its Prometheus endpoint
/// counts the traffic, and its readiness follows the database.
/// </summary>
public sealed class SiloObservabilityTests
{
    private const int ValidEvents = 40;
    private const int MalformedRecords = 5;
    private const int Partitions = 4;
    private const string Saga = "The Lord of the Rings";

    private static readonly string[] HistogramSuffixes = ["_bucket", "_count", "_sum"];

    [SkippableFact]
    public async Task Metrics_count_the_traffic_and_readiness_follows_the_database()
    {
        TestServers.SkipUnless(TestServers.IsMariaDbInstalled, "mariadbd is not installed (scripts/mariadb.sh installs it)");
        TestServers.SkipUnless(KafkaBroker.IsAvailable, "no dev broker: neither SAGA_TEST_KAFKA nor devkafka.dll");
        Assert.True(File.Exists(RepositoryPaths.SiloAssembly), $"The silo is not built: {RepositoryPaths.SiloAssembly}");

        await using var database = await MariaDbServer.StartAsync();
        await using var kafka = await KafkaBroker.StartAsync();
        await using var classifier = await ClassifierStub.StartAsync(Saga, failFirst: 1);
        var topic = $"deploy-{Guid.NewGuid():N}";
        await kafka.CreateTopicAsync(topic, Partitions);
        await kafka.CreateTopicAsync($"{topic}-dlq", 1);

        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Saga__Source"] = "Kafka",
            ["Saga__Clustering"] = "Localhost",
            ["Saga__Kafka__BootstrapServers"] = kafka.Bootstrap,
            ["Saga__Kafka__Topic"] = topic,
            ["Saga__Kafka__DeadLetterTopic"] = $"{topic}-dlq",
            ["Saga__Kafka__ConsumerGroup"] = topic,
            ["Saga__Classifier__Url"] = classifier.Url.ToString(),
            ["ConnectionStrings__MySql"] = database.ConnectionString,
        });
        await silo.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(120));
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/health/live")).StatusCode);

        var idle = await silo.ScrapeAsync();
        Assert.Equal(0, idle.Sum("saga_records_consumed_total"));

        await ProduceAsync(kafka.Bootstrap, topic);
        var scrape = await WaitForAsync(silo, s =>
            s.Sum("saga_records_counted_total") >= ValidEvents
            && s.Sum("saga_records_rejected_total") >= MalformedRecords
            && s.Sum("saga_mysql_write_duration_milliseconds_count") > 0
            && s.Samples.Count(x => x.Name == "saga_kafka_consumer_lag" && x.Labels.GetValueOrDefault("topic") == topic) == Partitions
            && s.Samples.Count(x => x.Name == "saga_partition_watermark_seconds") == Partitions);

        // Exactly the traffic: every record once, the malformed ones rejected by reason and dead-lettered.
        Assert.Equal(ValidEvents + MalformedRecords, scrape.Sum("saga_records_consumed_total"));
        Assert.Equal(ValidEvents, scrape.Sum("saga_records_counted_total"));
        Assert.Equal(MalformedRecords, scrape.Sum("saga_records_rejected_total", ("reason", "malformed_json")));
        Assert.Equal(MalformedRecords, scrape.Sum("saga_records_dead_lettered_total"));
        Assert.Equal(MalformedRecords, scrape.Sum("saga_kafka_dead_letters_total"));
        Assert.Equal(ValidEvents + MalformedRecords, scrape.Sum("saga_kafka_consumer_records_total", ("topic", topic)));
        Assert.True(scrape.Sum("saga_checkpoint_duration_milliseconds_count") > 0);
        Assert.True(scrape.Sum("saga_rows_flush_duration_milliseconds_count") > 0);

        // Per partition: lag, and a watermark that trails the events' time by the allowed lateness (10 minutes).
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.All(scrape.Samples.Where(s => s.Name == "saga_partition_watermark_seconds"), watermark =>
            Assert.InRange(watermark.Value, now - 600 - 300, now - 600 + 5));

        // The classifier: one request failed (503, retried), the others answered; each is timed.
        Assert.Equal(1, scrape.Sum("saga_classifier_errors_total", ("error", "unavailable")));
        Assert.True(scrape.Sum("saga_classifier_request_duration_milliseconds_count", ("outcome", "answered")) >= 1);
        Assert.True(scrape.Has("orleans_catalog_activations"), "Orleans' own meter is exported");
        AssertDocumented(scrape);
        Assert.True(scrape.Has("dotnet_gc_collections_total"), "runtime metrics are exported");

        // The dashboard answers on its own port only (its routes are mapped on its first request), with its page,
        // its assets and its data; the silo's own routes do not answer there.
        using var dashboard = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.DashboardPort}") };
        Assert.Equal(HttpStatusCode.OK, (await dashboard.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dashboard.GetAsync("/index.min.js")).StatusCode);
        Assert.Contains("\"hosts\"", await dashboard.GetStringAsync("/DashboardCounters"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync("/index.min.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dashboard.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dashboard.GetAsync("/health/live")).StatusCode);

        // Readiness follows the database; liveness does not.
        await database.StopAsync();
        await silo.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/health/live")).StatusCode);
        await database.RestartAsync();
        await silo.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
    }

    /// <summary>Every <c>saga_*</c> series the silo exports is in the metrics table of docs/DEPLOYMENT.md.</summary>
    private static void AssertDocumented(PrometheusScrape scrape)
    {
        var documentation = File.ReadAllText(RepositoryPaths.Combine("docs", "DEPLOYMENT.md"));
        var families = scrape.Samples
            .Select(sample => sample.Name)
            .Where(name => name.StartsWith("saga_", StringComparison.Ordinal))
            .Select(name => HistogramSuffixes.Aggregate(name, (family, suffix) => family.EndsWith(suffix, StringComparison.Ordinal) ? family[..^suffix.Length] : family))
            .Distinct();
        Assert.All(families, family => Assert.Contains($"`{family}`", documentation, StringComparison.Ordinal));
    }

    private static async Task ProduceAsync(string bootstrap, string topic)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, Acks = Acks.All }).Build();
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var i = 0; i < ValidEvents; i++)
        {
            // Distinct texts, so that the classifier's cache does not answer them all.
            var value = JsonSerializer.Serialize(new { id = $"e-{i}", time, text = $"Gandalf and Frodo Baggins, part {i}" });
            await producer.ProduceAsync(topic, new Message<string, string> { Key = $"e-{i}", Value = value });
        }

        for (var i = 0; i < MalformedRecords; i++)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = $"bad-{i}", Value = "{not json" });
        }
    }

    private static async Task<PrometheusScrape> WaitForAsync(SiloProcess silo, Func<PrometheusScrape, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        PrometheusScrape scrape;
        do
        {
            await Task.Delay(500);
            scrape = await silo.ScrapeAsync();
            if (condition(scrape))
            {
                return scrape;
            }
        }
        while (DateTime.UtcNow < deadline);

        var saga = string.Join('\n', scrape.Samples.Where(s => s.Name.StartsWith("saga_", StringComparison.Ordinal))
            .Select(s => $"{s.Name}{{{string.Join(',', s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}"));
        throw new TimeoutException($"The metrics did not reach the expected values within 90 s:\n{saga}\n--- silo output ---\n{silo.Output}");
    }
}
