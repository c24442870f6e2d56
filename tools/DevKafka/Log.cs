using System.Globalization;

namespace Orleans.Saga.DevKafka;

/// <summary>
/// Diagnostics go to stderr, one timestamped line each, so stdout carries only the ready line.
/// librdkafka logs to stderr on its own, in its own format.
/// </summary>
internal static class Log
{
    public static void Info(string message) => Write("info", message);

    public static void Warning(string message) => Write("warn", message);

    public static void Error(string message) => Write("fail", message);

    private static void Write(string level, string message) =>
        Console.Error.WriteLine($"{DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)} devkafka {level}: {message}");
}
