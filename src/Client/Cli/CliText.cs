namespace Orleans.Saga.Client.Cli;

/// <summary>Keeps error messages to one line.</summary>
public static class CliText
{
    public static string FirstLine(string text)
    {
        var line = text.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        return (end < 0 ? line : line[..end]).TrimEnd().ToString();
    }
}
