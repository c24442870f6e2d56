using Orleans.Saga.Domain.Classification;

namespace Orleans.Saga.Domain.Tests.Classification;

public class HttpClassifierOptionsTests
{
    [Fact]
    public void Defaults_are_valid_once_a_url_is_set()
    {
        var options = new HttpClassifierOptions { Url = new Uri("http://127.0.0.1:8000/predict") };
        options.Validate();

        Assert.Equal(32, options.MaxConcurrency);
        Assert.Equal(100_000, options.CacheSize);
        Assert.Equal(1_024, options.MaxCachedTextLength);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.InitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxBackoff);
    }

    public static TheoryData<Action<HttpClassifierOptions>, string> InvalidChanges => new()
    {
        { o => o.Url = null, "Url" },
        { o => o.Url = new Uri("/predict", UriKind.Relative), "Url" },
        { o => o.Url = new Uri("ftp://127.0.0.1/predict"), "Url" },
        { o => o.MaxConcurrency = 0, "MaxConcurrency" },
        { o => o.CacheSize = -1, "CacheSize" },
        { o => o.MaxCachedTextLength = -1, "MaxCachedTextLength" },
        { o => o.RequestTimeout = TimeSpan.Zero, "RequestTimeout" },
        { o => o.InitialBackoff = TimeSpan.Zero, "InitialBackoff" },
        { o => o.MaxBackoff = TimeSpan.FromMilliseconds(50), "MaxBackoff" },
    };

    [Theory]
    [MemberData(nameof(InvalidChanges))]
    public void Invalid_options_are_named(Action<HttpClassifierOptions> change, string property)
    {
        var options = new HttpClassifierOptions { Url = new Uri("http://127.0.0.1:8000/predict") };
        change(options);

        var exception = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains($"Saga:Classifier:{property}", exception.Message);
    }
}
