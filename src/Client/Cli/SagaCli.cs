using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Orleans.Saga.Client.Commands;

namespace Orleans.Saga.Client.Cli;

/// <summary>The <c>saga</c> command line: its commands, usage errors, help with examples, and running it.</summary>
public static class SagaCli
{
    public static Command Create(CliEnvironment environment)
    {
        // A plain command named "saga" rather than a RootCommand, which takes the host process's name (testhost
        // when the tests run the commands in-process).
        var global = new GlobalOptions();
        var root = new Command(
            "saga",
            "Query and feed an Orleans.Saga cluster. It reads the silo's configuration keys from "
            + "appsettings.json, Saga__* environment variables and --config KEY=VALUE.")
        {
            new HelpOption(),
            new VersionOption(),
        };
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

                // Ctrl-C or SIGTERM cancels the command; give 'produce' time to flush what is in flight and print its summary.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
            },
            cancellationToken);
    }
}
