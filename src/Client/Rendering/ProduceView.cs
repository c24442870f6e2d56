using System.Globalization;
using Orleans.Saga.Client.Producing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Saga.Client.Rendering;

/// <summary>The summary after <c>saga produce</c>.</summary>
public static class ProduceView
{
    public static IRenderable Render(PublishSummary summary)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().RightAligned()).AddColumn();
        grid.AddRow(new Text("Sent"), new Text(Times.Number(summary.Sent)), new Text($"to {summary.Topic} at {summary.BootstrapServers}"));
        grid.AddRow(new Text("Failed"), new Text(Times.Number(summary.Failed), summary.Failed > 0 ? new Style(Color.Red) : Style.Plain), new Text(summary.FirstError ?? string.Empty));
        if (summary.Unconfirmed > 0)
        {
            grid.AddRow(new Text("Unconfirmed"), new Text(Times.Number(summary.Unconfirmed), new Style(Color.Yellow)), new Text("still in flight when the command stopped"));
        }

        grid.AddRow(new Text("Elapsed"), new Text(summary.ElapsedSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"), new Text(summary.Interrupted ? "interrupted" : string.Empty));
        grid.AddRow(new Text("Rate"), new Text(summary.RatePerSecond.ToString("N0", CultureInfo.InvariantCulture)), new Text("events/s"));
        return grid;
    }
}
