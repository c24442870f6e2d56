using System.CommandLine.Parsing;
using System.Globalization;

namespace Orleans.Saga.Client.Cli;

/// <summary>
/// Custom parsers for numeric options and arguments: one clear message for text that is not a number and for a
/// number out of range (a validator would see a value that failed to convert).
/// </summary>
public static class NumberParsers
{
    public static Func<ArgumentResult, int> Int(string name, int min, int max = int.MaxValue) => result =>
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError((min, max) switch
        {
            (int.MinValue, int.MaxValue) => $"{name} expects a whole number, got '{text}'.",
            (_, int.MaxValue) => $"{name} expects a whole number of at least {min}, got '{text}'.",
            _ => $"{name} expects a whole number from {min} to {max}, got '{text}'.",
        });
        return min;
    };

    public static Func<ArgumentResult, double> Positive(string name, string unit) => result =>
    {
        var text = result.Tokens.Single().Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        result.AddError($"{name} expects a positive number of {unit}, got '{text}'.");
        return 1;
    };
}
