using System.Globalization;

namespace Orleans.Saga.Client.Cli;

/// <summary>Times and durations as users type them. Times without an offset are UTC, like everything in Orleans.Saga.</summary>
public static class TimeText
{
    public const string InstantHelp = "an ISO-8601 time such as 2024-06-01T12:30:00Z, or Unix seconds";
    public const string DurationHelp = "a duration such as 90s, 15m, 2h, 1d or 00:30:00";

    public static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        text = text.Trim();
        if (text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        // A date first (yyyy-MM-dd): a bare time of day would silently mean today.
        if (text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant))
        {
            return true;
        }

        instant = default;
        return false;
    }

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        text = text.Trim();
        duration = default;
        if (text.Length >= 2 && char.IsAsciiLetter(text[^1])
            && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? unit = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                _ => null,
            };
            if (unit is null || amount * unit.Value.TotalSeconds > TimeSpan.MaxValue.TotalSeconds)
            {
                return false;
            }

            duration = TimeSpan.FromSeconds(amount * unit.Value.TotalSeconds);
            return duration > TimeSpan.Zero;
        }

        return text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }

    /// <summary>A time, or a duration meaning that long before <paramref name="now"/>.</summary>
    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        if (TryParseInstant(text, out since))
        {
            return true;
        }

        if (TryParseDuration(text, out var ago))
        {
            since = now - ago;
            return true;
        }

        return false;
    }
}
