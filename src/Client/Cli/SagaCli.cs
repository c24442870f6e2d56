using System.CommandLine;
using System.CommandLine.Invocation;
using Orleans.Saga.Client.Commands;

namespace Orleans.Saga.Client.Cli;

/// <summary>The <c>saga</c> command line: its commands, usage errors, help with examples, and running it.</summary>
public static class SagaCli
{
    public static RootCommand Create(CliEnvironment environment)
    {
        var global = new GlobalOptions();
        var root = new RootCommand(
            "saga: query and feed an Orleans.Saga cluster. It reads the silo's configuration keys from "
            + "appsettings.json, Saga__* environment variables and --config KEY=VALUE.");
        global.AddTo(root);
        root.Add(new LeadersCommand(environment, global));
        root.Add(new WindowsCommand(environment, global));
        root.Add(new CharacterCommand(environment, global));
        root.Add(new StatusCommand(environment, global));
        root.Add(new ProduceCommand(environment, global));
        root.Add(new GenerateCommand(environment, global));
        HelpExamples.Install(root, ["leaders", "produce --file samples/events.jsonl", "status", "leaders --help"]);
        return root;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var parse = Create(environment).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return UsageErrors.Write(parse, environment.Error);
        }

        return await parse.InvokeAsync(
            new InvocationConfiguration
            {
                Output = environment.Out,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,
            },
            cancellationToken);
    }
}
