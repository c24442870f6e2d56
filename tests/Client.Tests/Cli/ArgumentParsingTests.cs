using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Cluster;
using Orleans.Saga.Client.Queries;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Tests.Cli;

public sealed class ArgumentParsingTests
{
    private static readonly DateTimeOffset Noon = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2024-06-01T12:00:00Z")]
    [InlineData("2024-06-01T12:00:00")]
    [InlineData("2024-06-01 12:00")]
    [InlineData("2024-06-01T14:00:00+02:00")]
    [InlineData("1717243200")]
    public void Instants_are_iso_8601_utc_by_default_or_unix_seconds(string text)
    {
        Assert.True(TimeText.TryParseInstant(text, out var instant));
        Assert.Equal(Noon, instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Theory]
    [InlineData("now")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("12:00")]
    public void Other_text_is_not_an_instant(string text) => Assert.False(TimeText.TryParseInstant(text, out _));

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1.5h", 5400)]
    [InlineData("1d", 86400)]
    [InlineData("00:30:00", 1800)]
    public void Durations_take_a_unit_or_a_time_span(string text, int seconds)
    {
        Assert.True(TimeText.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("5w")]
    public void Bad_durations_are_refused(string text) => Assert.False(TimeText.TryParseDuration(text, out _));

    [Fact]
    public void Since_is_a_time_or_a_duration_ago()
    {
        Assert.True(TimeText.TryParseSince("2h", Noon, out var ago));
        Assert.Equal(Noon.AddHours(-2), ago);
        Assert.True(TimeText.TryParseSince("2024-06-01T12:00:00Z", Noon.AddDays(3), out var at));
        Assert.Equal(Noon, at);
    }

    [Theory]
    [InlineData("127.0.0.1:30000", "127.0.0.1", 30000)]
    [InlineData("silo-1.local:30001", "silo-1.local", 30001)]
    [InlineData("[::1]:30000", "::1", 30000)]
    public void Gateways_are_host_and_port(string text, string host, int port)
    {
        Assert.True(GatewayAddress.TryParse(text, out var address));
        Assert.Equal(new GatewayAddress(host, port), address);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData(":30000")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("::1:30000")]
    public void Bad_gateways_are_refused(string text) => Assert.False(GatewayAddress.TryParse(text, out _));

    [Fact]
    public void Window_choices_pick_one_window_per_saga()
    {
        WindowInfo[] known =
        [
            new(0, 300, "b", IsFinal: true),
            new(300, 600, "b", IsFinal: true),
            new(600, 900, "b", IsFinal: false),
            new(900, 1200, "b", IsFinal: false),
            new(0, 300, "a", IsFinal: true),
            new(1200, 1500, "a", IsFinal: false),
        ];

        Assert.Equal([known[5], known[3]], WindowChoice.Now.Select(known));
        Assert.Equal([known[4], known[1]], WindowChoice.Last.Select(known));
        Assert.True(WindowChoice.TryParse("1970-01-01T00:05:00Z", out var at));
        Assert.Equal([known[1]], at.Select(known));
        Assert.True(WindowChoice.TryParse("NOW", out var now));
        Assert.Same(WindowChoice.Now, now);
    }
}
