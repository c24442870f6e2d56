using System.Globalization;
using Orleans.Saga.Client.Queries;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Saga.Client.Rendering;

/// <summary>One character's mentions per saga, with its rank where it is among the top N.</summary>
public static class CharacterView
{
    public static IRenderable Render(string character, IReadOnlyList<CharacterCount> counts, WindowChoice choice)
    {
        if (counts.Count == 0)
        {
            return new Text(choice.Time is { } time ? $"No window holds {Times.Instant(time)} UTC." : $"No {(choice == WindowChoice.Now ? "open" : "final")} windows.");
        }

        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn("Saga")
            .AddColumn("Window (UTC)")
            .AddColumn("State")
            .AddColumn(new TableColumn("Mentions").RightAligned())
            .AddColumn(new TableColumn("Rank").RightAligned());
        foreach (var count in counts)
        {
            table.AddRow(
                new Text(count.Saga),
                new Text(Times.Window(count.Start, count.End)),
                new Text(count.Final ? "final" : "open"),
                new Text(Times.Number(count.Count)),
                new Text(count.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-"));
        }

        var heading = new Text($"{character} · window {choice.Name}", new Style(decoration: Decoration.Bold));
        return counts.All(c => c.Count == 0)
            ? new Rows(heading, table, new Text("Not mentioned. Names match as the characters file spells them.", new Style(Color.Grey)))
            : new Rows(heading, table);
    }
}
