using System.CommandLine;
using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Queries;
using Orleans.Saga.Client.Rendering;
using Orleans.Saga.Client.Settings;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Saga.Client.Commands;

/// <summary><c>saga leaders</c>: the ranked characters of each saga's window, straight from the ranking grains.</summary>
public sealed class LeadersCommand : SagaCommand
{
    /// <summary>How often <c>--watch</c> asks again; the grains themselves are fresh within about a second.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly Option<string?> _saga = CommonOptions.Saga();
    private readonly Option<WindowChoice> _window = CommonOptions.Window();
    private readonly Option<int?> _top = new("--top", "-n")
    {
        Description = "How many ranks to show (default Saga:Windows:TopN, 5).",
        HelpName = "N",
        CustomParser = result => NumberParsers.Int("--top", 1, 1000)(result),
    };

    private readonly Option<bool> _watch = new("--watch")
    {
        Description = "Redraw every second until Ctrl-C; with --json, print one JSON line per refresh.",
    };

    private readonly Option<bool> _json = CommonOptions.Json();
    private readonly ClusterFlags _cluster = new();

    public LeadersCommand(CliEnvironment environment, GlobalOptions global)
        : base("leaders", "Show the most mentioned characters per saga for a window, open or final.", environment, global)
    {
        Add(_saga);
        Add(_window);
        Add(_top);
        Add(_watch);
        Add(_json);
        _cluster.AddTo(this);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "leaders",
        "leaders --saga \"Star Wars\" --top 10",
        "leaders --window last --json",
        "leaders --window 2024-06-01T12:07:00Z",
        "leaders --watch",
    ];

    protected override IEnumerable<KeyValuePair<string, string?>> FlagSettings(ParseResult parse) => _cluster.Settings(parse);

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = ClusterSettings.From(Configuration(parse));
        var saga = parse.GetValue(_saga);
        var window = parse.GetValue(_window)!;
        var top = parse.GetValue(_top) ?? settings.TopN;
        var json = parse.GetValue(_json);

        await using var connection = await ConnectAsync(parse, settings, cancellationToken);
        var query = new LeadersQuery(connection.Client);
        Task<IReadOnlyList<LeaderBoard>> FetchAsync() => query.GetAsync(saga, window, top);

        if (!parse.GetValue(_watch))
        {
            var boards = await FetchAsync();
            if (json)
            {
                Json.Write(Environment.Out, new { window = window.Name, windows = boards });
            }
            else
            {
                Environment.Console.Write(LeadersView.Render(boards, window, saga));
            }

            return ExitCodes.Ok;
        }

        if (json)
        {
            await WatchJsonAsync(FetchAsync, window, cancellationToken);
        }
        else if (Environment.Console.Profile.Capabilities.Interactive && Environment.Console.Profile.Capabilities.Ansi)
        {
            await WatchLiveAsync(FetchAsync, window, saga, cancellationToken);
        }
        else
        {
            await WatchPlainAsync(FetchAsync, window, saga, cancellationToken);
        }

        // Ctrl-C is how a watch ends, not a failure.
        return ExitCodes.Ok;
    }

    private async Task WatchJsonAsync(Func<Task<IReadOnlyList<LeaderBoard>>> fetch, WindowChoice window, CancellationToken cancellationToken)
    {
        do
        {
            Json.Write(Environment.Out, new { window = window.Name, refreshed = Environment.Time.GetUtcNow(), windows = await fetch() }, indented: false);
        }
        while (await PauseAsync(cancellationToken));
    }

    private async Task WatchLiveAsync(Func<Task<IReadOnlyList<LeaderBoard>>> fetch, WindowChoice window, string? saga, CancellationToken cancellationToken)
    {
        var first = Snapshot(await fetch(), window, saga);
        await Environment.Console.Live(first).AutoClear(false).StartAsync(async live =>
        {
            while (await PauseAsync(cancellationToken))
            {
                live.UpdateTarget(Snapshot(await fetch(), window, saga));
            }
        });
    }

    /// <summary>Without a terminal to redraw in, each refresh is printed after the previous one.</summary>
    private async Task WatchPlainAsync(Func<Task<IReadOnlyList<LeaderBoard>>> fetch, WindowChoice window, string? saga, CancellationToken cancellationToken)
    {
        do
        {
            Environment.Console.Write(Snapshot(await fetch(), window, saga));
            Environment.Console.WriteLine();
        }
        while (await PauseAsync(cancellationToken));
    }

    private IRenderable Snapshot(IReadOnlyList<LeaderBoard> boards, WindowChoice window, string? saga) => new Rows(
        new Text($"window {window.Name} · refreshed {Times.Instant(Environment.Time.GetUtcNow())} UTC · Ctrl-C to stop", new Style(Color.Grey)),
        LeadersView.Render(boards, window, saga));

    /// <summary>Waits for the next refresh; false once Ctrl-C was pressed.</summary>
    private async Task<bool> PauseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(RefreshInterval, Environment.Time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
