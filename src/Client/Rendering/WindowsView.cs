using System.Globalization;
using Orleans.Saga.Client.Queries;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Saga.Client.Rendering;

/// <summary>The known windows in time order, one row per (window, saga).</summary>
public static class WindowsView
{
    public static IRenderable Render(IReadOnlyList<WindowSummary> windows)
    {
        if (windows.Count == 0)
        {
            return new Text("No windows: the cluster has not counted any event yet.");
        }

        var open = windows.Count(w => !w.Final);
        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn("Window (UTC)")
            .AddColumn("Saga")
            .AddColumn("State")
            .AddColumn(new TableColumn("Rows").RightAligned())
            .AddColumn(new TableColumn("Characters").RightAligned());
        foreach (var window in windows)
        {
            table.AddRow(
                new Text(Times.Window(window.Start, window.End)),
                new Text(window.Saga),
                new Text(window.Final ? "final" : "open"),
                new Text(window.Rows.ToString(CultureInfo.InvariantCulture)),
                new Text(window.Characters.ToString(CultureInfo.InvariantCulture)));
        }

        return new Rows(table, new Text($"{Times.Count(windows.Count, "window")} · {open} open · {windows.Count - open} final", new Style(Color.Grey)));
    }
}
