namespace Orleans.Saga.Client.Queries;

/// <summary>The grains keep Unix seconds; the CLI shows and prints UTC times.</summary>
public static class UnixTime
{
    private static readonly long Min = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long Max = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static DateTimeOffset ToTime(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    /// <summary>Null for "none yet", which the grains store as <see cref="long.MinValue"/> or null.</summary>
    public static DateTimeOffset? ToTimeOrNull(long? seconds) =>
        seconds is { } value && value >= Min && value <= Max ? DateTimeOffset.FromUnixTimeSeconds(value) : null;
}
