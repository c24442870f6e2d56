using System.CommandLine;
using System.CommandLine.Parsing;
using Orleans.Saga.Client.Queries;

namespace Orleans.Saga.Client.Commands;

/// <summary>Options several commands share, made fresh for each command that adds them.</summary>
public static class CommonOptions
{
    public static Option<bool> Json() => new("--json")
    {
        Description = "Print JSON instead of tables.",
    };

    public static Option<string?> Saga() => new("--saga", "-s")
    {
        Description = "Only this saga (label as the classifier gives it, e.g. \"Star Wars\").",
        HelpName = "SAGA",
    };

    public static Option<WindowChoice> Window() => new("--window", "-w")
    {
        Description = $"Which window: {WindowChoice.Help}.",
        HelpName = "now|last|TIME",
        DefaultValueFactory = _ => WindowChoice.Now,
        CustomParser = ParseWindow,
    };

    private static WindowChoice ParseWindow(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (WindowChoice.TryParse(text, out var choice))
        {
            return choice;
        }

        result.AddError($"--window expects now, last or a time such as 2024-06-01T12:30:00Z, got '{text}'.");
        return WindowChoice.Now;
    }
}
