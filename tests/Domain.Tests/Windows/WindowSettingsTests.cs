using Orleans.Saga.Domain.Windows;

namespace Orleans.Saga.Domain.Tests.Windows;

public class WindowSettingsTests
{
    [Fact]
    public void Defaults_match_the_documented_configuration()
    {
        var settings = new WindowSettings();
        settings.Validate();

        Assert.Equal(TimeSpan.FromMinutes(5), settings.Size);
        Assert.Equal(300, settings.SizeSeconds);
        Assert.Equal(600, settings.AllowedLatenessSeconds);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.IdleTimeout);
        Assert.Equal(3600, settings.MaxFutureSkewSeconds);
        Assert.Equal(5, settings.TopN);
    }

    [Fact]
    public void Zero_lateness_is_valid() => new WindowSettings { AllowedLateness = TimeSpan.Zero }.Validate();

    public static TheoryData<WindowSettings, string> InvalidSettings => new()
    {
        { new WindowSettings { Size = TimeSpan.Zero }, "Size" },
        { new WindowSettings { Size = TimeSpan.FromSeconds(-1) }, "Size" },
        { new WindowSettings { Size = TimeSpan.FromMilliseconds(1500) }, "Size" },
        { new WindowSettings { AllowedLateness = TimeSpan.FromSeconds(-1) }, "AllowedLateness" },
        { new WindowSettings { IdleTimeout = TimeSpan.Zero }, "IdleTimeout" },
        { new WindowSettings { MaxFutureSkew = TimeSpan.FromSeconds(-1) }, "MaxFutureSkew" },
        { new WindowSettings { TopN = 0 }, "TopN" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Invalid_settings_are_named(WindowSettings settings, string property)
    {
        var exception = Assert.Throws<InvalidOperationException>(settings.Validate);
        Assert.Contains($"Saga:Windows:{property}", exception.Message);
    }
}
