using System.Diagnostics;
using System.Text;
using Orleans.Saga.Client.Tests.Infrastructure;
using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Client.Tests.Commands;

[Collection(ClusterCollection.Name)]
public sealed class ProduceCommandTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_file_is_delivered_exactly_line_by_line()
    {
        var topic = await cluster.Broker.CreateTopicAsync("produce-file", partitions: 3);
        string[] lines =
        [
            """{"id":"a1","time":1717243200,"readers":12,"text":"Gandalf and Frodo Baggins"}""",
            """{"id":"a2","time":1717243201,"text":"Élodie Noël 😀 «quoted» \"escaped\""}""",
            "",
            """{"id":"a3","time":1717243202,"readers":0,"text":""}""",
            "not json at all",
            "   ",
            """{"id":"a1","time":1717243203,"text":"the same id again is another record"}""",
            """{"time":1717243204,"text":"no id: rejected by the pipeline, still sent"}""",
        ];
        var file = Path.Combine(Path.GetTempPath(), $"saga-produce-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, lines, new UTF8Encoding(false));
        try
        {
            var result = await CliRun.RunAsync(null, "produce", "--file", file, "--bootstrap", cluster.Broker.Bootstrap, "--topic", topic, "--json");

            Assert.True(result.ExitCode == 0, result.ToString());
            var summary = JsonOutput.Parse(result.Out);
            var records = lines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            Assert.Equal(records.Count, summary.GetProperty("sent").GetInt64());
            Assert.Equal(0, summary.GetProperty("failed").GetInt64());

            var read = KafkaTopic.ReadAll(cluster.Broker.Bootstrap, topic, partitions: 3);
            Assert.Equal(records.Order(StringComparer.Ordinal), read.Select(r => r.Message.Value).Order(StringComparer.Ordinal));
            var decoder = new EventDecoder();
            Assert.All(read, r => Assert.Equal(decoder.Decode(Encoding.UTF8.GetBytes(r.Message.Value)).Event?.Id, r.Message.Key));

            // Same key, same partition, file order.
            var a1 = read.Where(r => r.Message.Key == "a1").ToList();
            Assert.Single(a1.Select(r => r.Partition.Value).Distinct());
            Assert.Equal(records.Where(l => l.Contains("\"a1\"", StringComparison.Ordinal)), a1.OrderBy(r => r.Offset.Value).Select(r => r.Message.Value));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Generated_events_are_valid_and_paced()
    {
        var topic = await cluster.Broker.CreateTopicAsync("produce-generated", partitions: 2);
        var stopwatch = Stopwatch.StartNew();

        var result = await CliRun.RunAsync(null, "produce", "--generate", "60", "--rate", "40", "--bootstrap", cluster.Broker.Bootstrap, "--topic", topic, "--json");

        stopwatch.Stop();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(60, JsonOutput.Parse(result.Out).GetProperty("sent").GetInt64());

        // 60 events at 40 a second, with a burst of 2: about 1.5 s.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.2), $"took {stopwatch.Elapsed}");
        var read = KafkaTopic.ReadAll(cluster.Broker.Bootstrap, topic, partitions: 2);
        Assert.Equal(60, read.Count);
        var decoder = new EventDecoder();
        var events = read.Select(r => decoder.Decode(Encoding.UTF8.GetBytes(r.Message.Value))).ToList();
        Assert.All(events, e => Assert.True(e.IsSuccess, e.Detail));
        Assert.Equal(60, events.Select(e => e.Event!.Id).Distinct().Count());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.All(events, e => Assert.InRange(e.Event!.Time, now - 30, now));
    }

    [Fact]
    public async Task Summary_table_fits_80_columns()
    {
        var topic = await cluster.Broker.CreateTopicAsync("produce-table", partitions: 1);

        var result = await CliRun.RunAsync(null, "produce", "--generate", "5", "--bootstrap", cluster.Broker.Bootstrap, "--topic", topic);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(result.OutLines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Matches(@"^Sent +5 +to cli-produce-table-", result.OutLines[0]);
        Assert.Contains(result.OutLines, line => System.Text.RegularExpressions.Regex.IsMatch(line, "^Failed +0 *$"));
    }
}
