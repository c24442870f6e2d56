using System.Globalization;
using Orleans.Saga.Client.Queries;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Saga.Client.Rendering;

/// <summary>The cluster's status in four parts: silos, partitions, counters, health.</summary>
public static class StatusView
{
    public static IRenderable Render(ClusterStatus status)
    {
        var cluster = new Markup($"[bold]Cluster[/] {Markup.Escape(status.ClusterId)} · {Times.Count(status.Silos.Count, "silo")}");
        var stream = new Text(
            $"Stream watermark {Times.Instant(status.StreamWatermark)} UTC · {status.OpenWindows} open, {status.FinalWindows} final windows");
        return new Rows(cluster, Silos(status), stream, Partitions(status), Counters(status.Counters), Health(status));
    }

    private static Table Silos(ClusterStatus status)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Silo").AddColumn("Address").AddColumn("Status").AddColumn("Started (UTC)");
        foreach (var silo in status.Silos)
        {
            table.AddRow(new Text(silo.Name), new Text(silo.Address), new Text(silo.Status), new Text(Times.Instant(silo.Started)));
        }

        return table;
    }

    private static IRenderable Partitions(ClusterStatus status)
    {
        var kafka = status.Kafka;
        var source = !kafka.Reachable ? $"Kafka {kafka.BootstrapServers}: unreachable"
            : !kafka.TopicExists ? $"Kafka {kafka.BootstrapServers}: no topic '{kafka.Topic}'"
            : $"Kafka {kafka.BootstrapServers}, topic {kafka.Topic}";
        if (status.Partitions.Count == 0)
        {
            return new Text($"{source}. No partition has reported yet.");
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn("Silo")
            .AddColumn(new TableColumn("Committed").RightAligned())
            .AddColumn(new TableColumn("High").RightAligned())
            .AddColumn(new TableColumn("Lag").RightAligned())
            .AddColumn("Watermark (UTC)");
        foreach (var partition in status.Partitions)
        {
            table.AddRow(
                new Text(partition.Partition.ToString(CultureInfo.InvariantCulture)),
                new Text(partition.Silo ?? "-"),
                new Text(Times.Number(partition.Committed)),
                new Text(Times.Number(partition.HighWatermark)),
                new Text(Times.Number(partition.Lag)),
                new Text(Times.Instant(partition.Watermark) + (partition.Idle == true ? " idle" : string.Empty)));
        }

        return new Rows(new Text(source, new Style(kafka.Reachable ? Color.Grey : Color.Red)), table);
    }

    private static IRenderable Counters(CounterTotals counters)
    {
        var rejected = counters.RejectedByReason.Count == 0
            ? "none"
            : string.Join(", ", counters.RejectedByReason.Select(r => $"{r.Key} {Times.Number(r.Value)}"));
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Text("Consumed"), new Text($"{Times.Number(counters.Consumed)} ({Times.Number(counters.Duplicates)} duplicates skipped)"));
        grid.AddRow(new Text("Counted"), new Text($"{Times.Number(counters.Counted)} events, {Times.Number(counters.Mentions)} mentions"));
        grid.AddRow(new Text("Rejected"), new Text($"{Times.Number(counters.Rejected)}: {rejected}"));
        grid.AddRow(new Text("Late"), new Text(Times.Number(counters.Late)));
        grid.AddRow(new Text("Dead-lettered"), new Text(Times.Number(counters.DeadLettered)));
        if (counters.LostToRetention > 0)
        {
            grid.AddRow(new Text("Lost", new Style(Color.Red)), new Text($"{Times.Number(counters.LostToRetention)} offsets removed by retention before they were read"));
        }
        return grid;
    }

    private static IRenderable Health(ClusterStatus status)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        if (status.Health is not { } health)
        {
            grid.AddRow(new Text("Health"), new Text($"unknown ({status.HealthUnknown})"));
            return grid;
        }

        grid.AddRow(new Text("Classifier"), Check(health.Classifier.Healthy, $"{health.Classifier.Kind}: {health.Classifier.Detail}"));
        grid.AddRow(new Text("Database"), Check(health.Database.Healthy, health.Database.Detail));
        grid.AddRow(new Text("Kafka (silo)"), Check(health.Kafka.Reachable, health.Kafka.Detail));
        grid.AddRow(new Text("Checked"), new Text($"by {health.Silo} at {Times.Instant(health.CheckedUtc)}"));
        return grid;
    }

    private static Text Check(bool healthy, string detail) =>
        new($"{(healthy ? "healthy" : "UNHEALTHY")} · {detail}", new Style(healthy ? Color.Green : Color.Red));
}
