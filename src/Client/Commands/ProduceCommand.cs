using System.CommandLine;
using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Kafka;
using Orleans.Saga.Client.Producing;
using Orleans.Saga.Client.Rendering;
using Orleans.Saga.Client.Settings;
using Spectre.Console;

namespace Orleans.Saga.Client.Commands;

/// <summary><c>saga produce</c>: publishes a JSON-lines file, or generated events, to the events topic.</summary>
public sealed class ProduceCommand : SagaCommand
{
    private readonly Option<FileInfo> _file = new("--file", "-f")
    {
        Description = "Publish this JSON-lines file: each non-blank line is one record, sent as it is.",
        HelpName = "FILE",
    };

    private readonly Option<int?> _generate = new("--generate", "-g")
    {
        Description = "Publish this many generated events mentioning characters from the characters file.",
        HelpName = "N",
        CustomParser = result => NumberParsers.Int("--generate", 1)(result),
    };

    private readonly Option<double?> _rate = new("--rate", "-r")
    {
        Description = "At most this many events per second (default: as fast as the broker takes them).",
        HelpName = "R",
        CustomParser = result => NumberParsers.Positive("--rate", "events per second")(result),
    };

    private readonly Option<bool> _json = CommonOptions.Json();
    private readonly KafkaFlags _kafka = new();
    private readonly GenerationFlags _generation = new();

    public ProduceCommand(CliEnvironment environment, GlobalOptions global)
        : base("produce", "Publish events to Kafka from a JSON-lines file or generated ones, with progress and a summary.", environment, global)
    {
        _file.AcceptExistingOnly();
        Add(_file);
        Add(_generate);
        Add(_rate);
        _kafka.AddTo(this);
        _generation.AddTo(this);
        Add(_json);
        Validators.Add(result =>
        {
            var file = result.GetResult(_file) is not null;
            var generate = result.GetResult(_generate) is not null;
            if (file == generate)
            {
                result.AddError("Give exactly one of --file FILE and --generate N.");
            }
            else if (file && _generation.AnyGiven(result))
            {
                result.AddError("--start, --span and --seed apply to --generate only.");
            }
        });
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "produce --file samples/events.jsonl",
        "produce --generate 10000 --rate 500",
        "produce --generate 2000 --start 2024-06-01T12:00:00Z --span 30m --seed 7",
        "produce --file my.jsonl --bootstrap 127.0.0.1:9092 --topic events --json",
    ];

    protected override IEnumerable<KeyValuePair<string, string?>> FlagSettings(ParseResult parse) => _kafka.Settings(parse);

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var configuration = Configuration(parse);
        var kafka = KafkaSettings.From(configuration);
        var (events, total) = parse.GetValue(_file) is { } file
            ? Read(new EventFile(file.FullName))
            : Generate(parse, parse.GetValue(_generate)!.Value, configuration);
        var pacer = parse.GetValue(_rate) is { } rate ? TokenBucket.ForRate(rate, Environment.Time) : null;

        var publisher = new KafkaEventPublisher(kafka, new KafkaClientLog(Verbose(parse) ? Environment.Error : null));
        var publishing = Task.Run(() => publisher.PublishAsync(events, pacer, cancellationToken), CancellationToken.None);
        var json = parse.GetValue(_json);
        if (!json && Environment.Console.Profile.Capabilities.Interactive && Environment.Console.Profile.Capabilities.Ansi)
        {
            await ShowProgressAsync(publishing, publisher.Progress, total);
        }

        var summary = await publishing;
        if (json)
        {
            Json.Write(Environment.Out, summary);
        }
        else
        {
            Environment.Console.Write(ProduceView.Render(summary));
        }

        if (summary.Interrupted)
        {
            return ExitCodes.Interrupted;
        }

        if (summary.Failed > 0 || summary.Unconfirmed > 0)
        {
            Environment.Error.WriteLine(
                $"error: {summary.Failed + summary.Unconfirmed} of {summary.Sent + summary.Failed + summary.Unconfirmed} events were not delivered"
                + (summary.FirstError is null ? "." : $" (first: {summary.FirstError})."));
            return summary.FailedForBrokerLoss ? ExitCodes.BrokerUnreachable : ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }

    private static (IEnumerable<OutgoingEvent> Events, int Total) Read(EventFile file) => (file.Read(), file.CountRecords());

    private (IEnumerable<OutgoingEvent> Events, int Total) Generate(ParseResult parse, int count, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var generator = _generation.CreateGenerator(parse, count, configuration, Environment.Time);
        return (generator.Take(count).Select(e => e.ToOutgoing()), count);
    }

    private Task ShowProgressAsync(Task publishing, PublishProgress progress, int total) =>
        Environment.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("producing", maxValue: Math.Max(total, 1));
                while (!publishing.IsCompleted)
                {
                    task.Value = progress.Completed;
                    task.Description = $"{Times.Number(progress.Delivered)}/{Times.Number(total)} sent"
                        + (progress.Failed > 0 ? $", {Times.Number(progress.Failed)} failed" : string.Empty);
                    await Task.WhenAny(publishing, Task.Delay(100));
                }

                task.Value = progress.Completed;
            });
}
