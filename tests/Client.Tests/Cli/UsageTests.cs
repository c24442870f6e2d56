using Orleans.Saga.Client.Tests.Infrastructure;

namespace Orleans.Saga.Client.Tests.Cli;

/// <summary>Argument errors and help, checked in-process (no cluster is ever contacted).</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("error: Required command was not provided.")]
    [InlineData("error: --top expects a whole number from 1 to 1000, got '0'.", "leaders", "--top", "0")]
    [InlineData("error: --top expects a whole number from 1 to 1000, got 'zero'.", "leaders", "--top", "zero")]
    [InlineData("error: --window expects now, last or a time such as 2024-06-01T12:30:00Z, got 'tomorrow'.", "leaders", "--window", "tomorrow")]
    [InlineData("error: Unrecognized command or argument '--bogus'.", "leaders", "--bogus")]
    [InlineData("error: --since expects a time such as 2024-06-01T12:00:00Z or a duration such as 2h, got 'soon'.", "windows", "--since", "soon")]
    [InlineData("error: Required argument missing for command: 'character'.", "character")]
    [InlineData("error: Give exactly one of --file FILE and --generate N.", "produce")]
    [InlineData("error: Give exactly one of --file FILE and --generate N.", "produce", "--generate", "5", "--file", "x.jsonl")]
    [InlineData("error: --start, --span and --seed apply to --generate only.", "produce", "--file", "Orleans.Saga.Client.Tests.dll", "--seed", "3")]
    [InlineData("error: --rate expects a positive number of events per second, got '-1'.", "produce", "--generate", "5", "--rate", "-1")]
    [InlineData("error: --gateway expects HOST:PORT, got 'nowhere'.", "status", "--gateway", "nowhere")]
    [InlineData("error: --config expects KEY=VALUE, got 'Saga:Clustering'.", "status", "-c", "Saga:Clustering")]
    [InlineData("error: --span expects a duration such as 30m or 2h, got '30'.", "generate", "3", "--span", "30")]
    [InlineData("error: count expects a whole number of at least 1, got '0'.", "generate", "0")]
    [InlineData("error: --seed expects a whole number, got 'x'.", "generate", "3", "--seed", "x")]
    public async Task Bad_arguments_exit_with_2_and_say_what_is_wrong(string firstLine, params string[] args)
    {
        var result = await CliRun.RunAsync(null, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(firstLine, result.FirstErrorLine);
        Assert.Contains("--help' for the options and examples.", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData("leaders")]
    [InlineData("windows")]
    [InlineData("character")]
    [InlineData("status")]
    [InlineData("produce")]
    [InlineData("generate")]
    public async Task Every_command_has_help_with_examples_within_80_columns(string command)
    {
        var result = await CliRun.RunAsync(null, command, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Usage:\n  saga {command}", result.Out, StringComparison.Ordinal);
        var examples = result.OutLines.SkipWhile(line => line != "Examples:").Skip(1).TakeWhile(line => line.Length > 0).ToList();
        Assert.NotEmpty(examples);
        Assert.All(examples, example => Assert.StartsWith($"  saga {command}", example, StringComparison.Ordinal));
        Assert.All(result.OutLines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
    }
}
