using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Orleans.Saga.Client.Cli;

/// <summary>
/// The help action of <c>saga</c>: System.CommandLine's own help, kept within 80 columns, followed by an
/// "Examples:" section with the command's <see cref="SagaCommand.Examples"/>.
/// </summary>
public sealed class HelpExamples(HelpAction help, IReadOnlyList<string> rootExamples) : SynchronousCommandLineAction
{
    public const int Width = 80;

    public override bool ClearsParseErrors => true;

    public static void Install(Command root, IReadOnlyList<string> rootExamples)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new HelpExamples(new HelpAction { MaxWidth = Width }, rootExamples);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var result = help.Invoke(parseResult);
        var examples = parseResult.CommandResult.Command is SagaCommand command ? command.Examples : rootExamples;
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Examples:");
        foreach (var example in examples)
        {
            output.WriteLine($"  saga {example}");
        }

        output.WriteLine();
        return result;
    }
}
