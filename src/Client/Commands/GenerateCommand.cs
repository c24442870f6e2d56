using System.CommandLine;
using Orleans.Saga.Client.Cli;

namespace Orleans.Saga.Client.Commands;

/// <summary><c>saga generate N</c>: prints generated events as JSON lines, e.g. to make a sample file.</summary>
public sealed class GenerateCommand : SagaCommand
{
    private readonly Argument<int> _count = new("count")
    {
        Description = "How many events to print.",
        CustomParser = NumberParsers.Int("count", 1),
    };

    private readonly GenerationFlags _generation = new();

    public GenerateCommand(CliEnvironment environment, GlobalOptions global)
        : base("generate", "Print generated events as JSON lines (the events 'produce --generate' sends).", environment, global)
    {
        Add(_count);
        _generation.AddTo(this);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "generate 5",
        "generate 2000 --start 2024-06-01T12:00:00Z --span 30m --seed 7",
        "generate 100000 > events.jsonl",
    ];

    protected override Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var count = parse.GetValue(_count);
        var generator = _generation.CreateGenerator(parse, count, Configuration(parse), Environment.Time);
        foreach (var generated in generator.Take(count))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Environment.Out.WriteLine(generated.ToJson());
        }

        Environment.Out.Flush();
        return Task.FromResult(ExitCodes.Ok);
    }
}
