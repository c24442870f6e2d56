namespace Orleans.Saga.Domain.Windows;

/// <summary>Event-time windowing, bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class WindowSettings
{
    public const string SectionName = "Saga:Windows";

    /// <summary>Length of each tumbling window; a whole number of seconds.</summary>
    public TimeSpan Size { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far a partition's watermark trails the largest event time it has seen.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A partition that delivered nothing for this long (wall time) no longer holds the stream's watermark back.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events further than this ahead of wall time are rejected as <c>future</c>.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many characters are ranked per (window, saga).</summary>
    public int TopN { get; set; } = 5;

    public long SizeSeconds => Size.Ticks / TimeSpan.TicksPerSecond;

    public long AllowedLatenessSeconds => AllowedLateness.Ticks / TimeSpan.TicksPerSecond;

    public long MaxFutureSkewSeconds => MaxFutureSkew.Ticks / TimeSpan.TicksPerSecond;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Size <= TimeSpan.Zero)
        {
            throw Invalid(nameof(Size), Size, "must be positive");
        }

        if (Size.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw Invalid(nameof(Size), Size, "must be a whole number of seconds");
        }

        if (AllowedLateness < TimeSpan.Zero)
        {
            throw Invalid(nameof(AllowedLateness), AllowedLateness, "must not be negative");
        }

        if (IdleTimeout <= TimeSpan.Zero)
        {
            throw Invalid(nameof(IdleTimeout), IdleTimeout, "must be positive");
        }

        if (MaxFutureSkew < TimeSpan.Zero)
        {
            throw Invalid(nameof(MaxFutureSkew), MaxFutureSkew, "must not be negative");
        }

        if (TopN < 1)
        {
            throw Invalid(nameof(TopN), TopN, "must be at least 1");
        }
    }

    private static InvalidOperationException Invalid(string name, object value, string rule)
        => new($"{SectionName}:{name} is {value}; it {rule}.");
}
