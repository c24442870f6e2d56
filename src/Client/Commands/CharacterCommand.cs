using System.CommandLine;
using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Queries;
using Orleans.Saga.Client.Rendering;
using Orleans.Saga.Client.Settings;
using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Client.Commands;

/// <summary><c>saga character NAME</c>: one character's mentions in each saga's window.</summary>
public sealed class CharacterCommand : SagaCommand
{
    private readonly Argument<string> _name = new("name")
    {
        Description = "The character, as the characters file spells it (case is forgiven when this machine has the same file).",
    };

    private readonly Option<WindowChoice> _window = CommonOptions.Window();
    private readonly Option<bool> _json = CommonOptions.Json();
    private readonly ClusterFlags _cluster = new();

    public CharacterCommand(CliEnvironment environment, GlobalOptions global)
        : base("character", "Show one character's mentions per saga for a window.", environment, global)
    {
        _name.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("The character name is empty.");
            }
        });
        Add(_name);
        Add(_window);
        Add(_json);
        _cluster.AddTo(this);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "character Gandalf",
        "character \"Luke Skywalker\" --window last",
        "character gandalf --window 2024-06-01T12:07:00Z --json",
    ];

    protected override IEnumerable<KeyValuePair<string, string?>> FlagSettings(ParseResult parse) => _cluster.Settings(parse);

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var configuration = Configuration(parse);
        var settings = ClusterSettings.From(configuration);
        var window = parse.GetValue(_window)!;
        var character = CharacterNames.Resolve(parse.GetValue(_name)!, configuration["Saga:Characters:Path"] ?? CharacterCatalog.DefaultPath);

        await using var connection = await ConnectAsync(parse, settings, cancellationToken);
        var counts = await new CharacterQuery(connection.Client).GetAsync(character, window, settings.TopN);
        if (parse.GetValue(_json))
        {
            Json.Write(Environment.Out, new { character, window = window.Name, windows = counts });
        }
        else
        {
            Environment.Console.Write(CharacterView.Render(character, counts, window));
        }

        return ExitCodes.Ok;
    }
}
