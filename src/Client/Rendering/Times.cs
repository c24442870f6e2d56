using System.Globalization;

namespace Orleans.Saga.Client.Rendering;

/// <summary>UTC times, short enough for 80 columns.</summary>
public static class Times
{
    /// <summary><c>2024-06-01 12:25–12:30</c>; the end's date is shown only when it differs.</summary>
    public static string Window(DateTimeOffset start, DateTimeOffset end)
    {
        var endFormat = start.UtcDateTime.Date == end.UtcDateTime.Date || end.UtcDateTime.TimeOfDay == TimeSpan.Zero ? "HH:mm" : "yyyy-MM-dd HH:mm";
        return $"{start.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}–{end.UtcDateTime.ToString(endFormat, CultureInfo.InvariantCulture)}";
    }

    public static string Instant(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    /// <summary><c>1 silo</c>, <c>2 silos</c>.</summary>
    public static string Count(long count, string noun) => $"{Number(count)} {noun}{(count == 1 ? string.Empty : "s")}";

    public static string Number(long? value) => value is { } number ? number.ToString("N0", CultureInfo.InvariantCulture) : "-";
}
