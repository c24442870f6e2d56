using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Configuration;
using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Producing;
using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Client.Commands;

/// <summary>The flags that shape generated events: their times and the random seed.</summary>
public sealed class GenerationFlags
{
    /// <summary>Disorder of generated event times, as in a live stream.</summary>
    public static readonly TimeSpan Jitter = TimeSpan.FromSeconds(3);

    /// <summary>With <c>--start</c> and no <c>--span</c>: one window's worth.</summary>
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromMinutes(5);

    public Option<DateTimeOffset?> Start { get; } = new("--start")
    {
        Description = $"Spread event times from this time ({TimeText.InstantHelp}). Default: event times are now.",
        HelpName = "TIME",
        CustomParser = ParseInstant,
    };

    public Option<TimeSpan?> Span { get; } = new("--span")
    {
        Description = $"Spread event times over this long ({TimeText.DurationHelp}); without --start, the span that ends now.",
        HelpName = "DURATION",
        CustomParser = ParseDuration,
    };

    public Option<int?> Seed { get; } = new("--seed")
    {
        Description = "Random seed, for the same events every time.",
        HelpName = "N",
        CustomParser = result => NumberParsers.Int("--seed", int.MinValue)(result),
    };

    public void AddTo(Command command)
    {
        command.Add(Start);
        command.Add(Span);
        command.Add(Seed);
    }

    /// <summary>Whether any of these flags was given (they make sense only when generating).</summary>
    public bool AnyGiven(CommandResult result) =>
        result.GetResult(Start) is not null || result.GetResult(Span) is not null || result.GetResult(Seed) is not null;

    public EventGenerator CreateGenerator(ParseResult parse, int count, IConfiguration configuration, TimeProvider time)
    {
        var start = parse.GetValue(Start);
        var span = parse.GetValue(Span);
        var times = start is null && span is null
            ? EventTimes.AroundNow(time, Jitter)
            : EventTimes.Spread(start ?? time.GetUtcNow() - span!.Value, span ?? DefaultSpan, count, Jitter);
        return new EventGenerator(LoadCatalog(configuration), times, parse.GetValue(Seed));
    }

    private static CharacterCatalog LoadCatalog(IConfiguration configuration)
    {
        var path = configuration["Saga:Characters:Path"] ?? CharacterCatalog.DefaultPath;
        try
        {
            return CharacterCatalog.Load(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new CliException(ExitCodes.Failed, $"cannot read the characters file {path}: {CliText.FirstLine(exception.Message)} Set Saga:Characters:Path.", exception);
        }
    }

    private static DateTimeOffset? ParseInstant(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (TimeText.TryParseInstant(text, out var instant))
        {
            return instant;
        }

        result.AddError($"--start expects a time such as 2024-06-01T12:00:00Z, got '{text}'.");
        return null;
    }

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (TimeText.TryParseDuration(text, out var duration))
        {
            return duration;
        }

        result.AddError($"--span expects a duration such as 30m or 2h, got '{text}'.");
        return null;
    }
}
