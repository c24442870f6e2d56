using System.Text.Json;
using Orleans.Saga.Client.Tests.Infrastructure;
using Orleans.Saga.Health;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Tests.Commands;

[Collection(ClusterCollection.Name)]
public sealed class StatusCommandTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Json_shows_silos_partitions_with_lag_counters_and_health()
    {
        // The topic holds more records than the partition grains have counted: the difference is the lag.
        var topic = await cluster.Broker.CreateTopicAsync("status", ClusterFixture.Partitions);
        int[] unread = [7, 3];
        for (var partition = 0; partition < ClusterFixture.Partitions; partition++)
        {
            KafkaTopic.Write(cluster.Broker.Bootstrap, topic, partition, (int)cluster.PublishedRecords(partition) + unread[partition]);
        }

        // The stream watermark moves with the clock while partitions are idle, and windows close as it does: the CLI's
        // figures are checked against what the index held just before and just after it ran.
        var index = cluster.Client.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        var before = await index.GetStreamStatus();
        var result = await CliRun.RunAsync(cluster.Client, "status", "--bootstrap", cluster.Broker.Bootstrap, "--topic", topic, "--json");
        var after = await index.GetStreamStatus();

        Assert.True(result.ExitCode == 0, result.ToString());
        var status = JsonOutput.Parse(result.Out);
        var silos = status.Items("silos").ToList();
        Assert.Equal(2, silos.Count);
        Assert.All(silos, s => Assert.Equal("Active", s.Text("status")));

        var partitions = status.Items("partitions").ToList();
        Assert.Equal([0, 1], partitions.Select(p => p.GetProperty("partition").GetInt32()));
        long consumed = 0;
        foreach (var json in partitions)
        {
            var partition = json.GetProperty("partition").GetInt32();
            var held = await cluster.Client.GetGrain<IPartitionGrain>(partition).GetStatus();
            Assert.Equal(cluster.PublishedRecords(partition), held.DurableNextOffset);
            Assert.Equal(held.DurableNextOffset, json.NullableLong("committed"));
            Assert.Equal(cluster.PublishedRecords(partition) + unread[partition], json.NullableLong("highWatermark"));
            Assert.Equal(unread[partition], json.NullableLong("lag"));
            Assert.Equal(held.Watermark, json.GetProperty("watermark").ValueKind == JsonValueKind.Null ? null : json.Unix("watermark"));
            Assert.Contains(silos, s => s.Text("address") == json.Text("silo"));
            Assert.Equal(held.Counters.Consumed, json.GetProperty("counters").GetProperty("consumed").GetInt64());
            consumed += held.Counters.Consumed;
        }

        var counters = status.GetProperty("counters");
        Assert.Equal(consumed, counters.GetProperty("consumed").GetInt64());
        Assert.Equal(consumed, counters.GetProperty("counted").GetInt64());
        Assert.Equal(0, counters.GetProperty("late").GetInt64());
        var finalWindows = status.GetProperty("finalWindows").GetInt32();
        Assert.InRange(finalWindows, before.FinalWindows, after.FinalWindows);
        Assert.Equal(before.OpenWindows + before.FinalWindows, status.GetProperty("openWindows").GetInt32() + finalWindows);
        Assert.InRange(status.Unix("streamWatermark"), before.StreamWatermark, after.StreamWatermark);

        var kafka = status.GetProperty("kafka");
        Assert.True(kafka.GetProperty("reachable").GetBoolean());
        Assert.True(kafka.GetProperty("topicExists").GetBoolean());
        await AssertHealthAsReportedAsync(status);
    }

    [Fact]
    public async Task An_unreachable_broker_still_shows_the_cluster_and_exits_with_4()
    {
        var bootstrap = $"127.0.0.1:{FreePort.Next()}";

        var result = await CliRun.RunAsync(cluster.Client, "status", "--bootstrap", bootstrap, "-c", "Saga:Client:KafkaTimeout=00:00:01", "--json");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.StartsWith($"error: cannot reach the Kafka broker at {bootstrap} (Saga:Kafka:BootstrapServers).", result.FirstErrorLine, StringComparison.Ordinal);
        var status = JsonOutput.Parse(result.Out);
        Assert.False(status.GetProperty("kafka").GetProperty("reachable").GetBoolean());
        Assert.All(status.Items("partitions"), p =>
        {
            Assert.NotNull(p.NullableLong("committed"));
            Assert.Null(p.NullableLong("lag"));
        });
    }

    [Fact]
    public async Task Table_fits_80_columns()
    {
        var result = await CliRun.RunAsync(cluster.Client, "status", "--bootstrap", cluster.Broker.Bootstrap, "--topic", "no-such-topic");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(result.OutLines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains(result.OutLines, line => line.Contains("no topic 'no-such-topic'", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, line => line.StartsWith("Database", StringComparison.Ordinal) || line.StartsWith("Health", StringComparison.Ordinal));
    }

    /// <summary>The status prints what the health grain says, whichever implementation the cluster runs.</summary>
    private async Task AssertHealthAsReportedAsync(JsonElement status)
    {
        HealthReport report;
        try
        {
            report = await cluster.Client.GetGrain<IHealthGrain>(IHealthGrain.Key).Check();
        }
        catch (Exception)
        {
            Assert.Equal(JsonValueKind.Null, status.GetProperty("health").ValueKind);
            Assert.False(string.IsNullOrEmpty(status.Text("healthUnknown")));
            return;
        }

        var health = status.GetProperty("health");
        Assert.Equal(report.Classifier.Kind, health.GetProperty("classifier").Text("kind"));
        Assert.Equal(report.Classifier.Healthy, health.GetProperty("classifier").GetProperty("healthy").GetBoolean());
        Assert.Equal(report.Database.Healthy, health.GetProperty("database").GetProperty("healthy").GetBoolean());
        Assert.Equal(report.Database.Detail, health.GetProperty("database").Text("detail"));
        Assert.Equal(report.Kafka.Reachable, health.GetProperty("kafka").GetProperty("reachable").GetBoolean());
    }
}
