using System.CommandLine;
using System.CommandLine.Parsing;
using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Queries;
using Orleans.Saga.Client.Rendering;
using Orleans.Saga.Client.Settings;

namespace Orleans.Saga.Client.Commands;

/// <summary><c>saga windows</c>: the windows the cluster knows, open or final, with their row counts.</summary>
public sealed class WindowsCommand : SagaCommand
{
    private readonly Option<string?> _saga = CommonOptions.Saga();
    private readonly Option<DateTimeOffset?> _since;
    private readonly Option<bool> _json = CommonOptions.Json();
    private readonly ClusterFlags _cluster = new();

    public WindowsCommand(CliEnvironment environment, GlobalOptions global)
        : base("windows", "List the windows the cluster knows, open or final, with their row counts.", environment, global)
    {
        _since = new Option<DateTimeOffset?>("--since")
        {
            Description = $"Only windows ending after this: {TimeText.InstantHelp}, or {TimeText.DurationHelp} ago.",
            HelpName = "TIME",
            CustomParser = ParseSince,
        };
        Add(_saga);
        Add(_since);
        Add(_json);
        _cluster.AddTo(this);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "windows",
        "windows --saga \"Harry Potter\" --since 1h",
        "windows --since 2024-06-01T12:00:00Z --json",
    ];

    protected override IEnumerable<KeyValuePair<string, string?>> FlagSettings(ParseResult parse) => _cluster.Settings(parse);

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = ClusterSettings.From(Configuration(parse));
        await using var connection = await ConnectAsync(parse, settings, cancellationToken);
        var windows = await new WindowsQuery(connection.Client).GetAsync(parse.GetValue(_saga), parse.GetValue(_since), settings.TopN, cancellationToken);
        if (parse.GetValue(_json))
        {
            Json.Write(Environment.Out, new { windows });
        }
        else
        {
            Environment.Console.Write(WindowsView.Render(windows));
        }

        return ExitCodes.Ok;
    }

    private DateTimeOffset? ParseSince(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (TimeText.TryParseSince(text, Environment.Time.GetUtcNow(), out var since))
        {
            return since;
        }

        result.AddError($"--since expects a time such as 2024-06-01T12:00:00Z or a duration such as 2h, got '{text}'.");
        return null;
    }
}
