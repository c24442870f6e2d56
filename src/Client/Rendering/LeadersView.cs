using System.Globalization;
using Orleans.Saga.Client.Queries;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Saga.Client.Rendering;

/// <summary>One small table per (window, saga): rank, character, mentions. Each fits 80 columns on its own.</summary>
public static class LeadersView
{
    public static IRenderable Render(IReadOnlyList<LeaderBoard> boards, WindowChoice choice, string? saga)
    {
        if (boards.Count == 0)
        {
            return new Text(Empty(choice, saga));
        }

        var parts = new List<IRenderable>();
        foreach (var board in boards)
        {
            var table = new Table()
                .Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("#").RightAligned())
                .AddColumn(new TableColumn("Character"))
                .AddColumn(new TableColumn("Mentions").RightAligned());
            foreach (var leader in board.Leaders)
            {
                table.AddRow(new Text(leader.Rank.ToString(CultureInfo.InvariantCulture)), new Text(leader.Character), new Text(Times.Number(leader.Count)));
            }

            // Headings outside the table: a table title would wrap at the width of this narrow table.
            parts.Add(new Text($"{board.Saga} · {Times.Window(board.Start, board.End)} UTC · {(board.Final ? "final" : "open")}", new Style(decoration: Decoration.Bold)));
            parts.Add(table);
            parts.Add(new Text($"{Times.Count(board.Characters, "character")} mentioned · updated {Times.Instant(board.Updated)} UTC", new Style(Color.Grey)));
            parts.Add(Text.Empty);
        }

        return new Rows(parts);
    }

    private static string Empty(WindowChoice choice, string? saga)
    {
        var of = saga is null ? string.Empty : $" of '{saga}'";
        if (choice.Time is { } time)
        {
            return $"No window{of} holds {Times.Instant(time)} UTC.";
        }

        return choice == WindowChoice.Now
            ? $"No open window{of}: the cluster has counted nothing new. Produce events with 'saga produce', or see closed windows with --window last."
            : $"No final window{of} yet: windows close once the stream's watermark passes their end.";
    }
}
