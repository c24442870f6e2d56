using System.CommandLine;

namespace Orleans.Saga.Client.Cli;

/// <summary>Bad arguments: the errors, one a line, then where to find the usage. Exit code <see cref="ExitCodes.Usage"/>.</summary>
public static class UsageErrors
{
    public static int Write(ParseResult parse, TextWriter error)
    {
        foreach (var parseError in parse.Errors)
        {
            error.WriteLine($"error: {parseError.Message}");
        }

        var command = parse.CommandResult.Command;
        var path = string.Join(' ', Path(command).Select(c => c.Name));
        var usage = string.Join(' ', [path, .. command.Arguments.Select(a => $"<{a.Name}>"), command.Subcommands.Count > 0 ? "[command]" : "[options]"]);
        error.WriteLine($"Usage: {usage}. Run '{path} --help' for the options and examples.");
        return ExitCodes.Usage;
    }

    private static IEnumerable<Command> Path(Command command)
    {
        var path = new Stack<Command>();
        for (Command? current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            path.Push(current);
        }

        return path;
    }
}
