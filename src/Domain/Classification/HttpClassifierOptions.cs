namespace Orleans.Saga.Domain.Classification;

/// <summary>The external classification service, bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class HttpClassifierOptions
{
    public const string SectionName = "Saga:Classifier";

    /// <summary>The full endpoint, e.g. http://127.0.0.1:8000/predict. Without it the embedded classifier is used.</summary>
    public Uri? Url { get; set; }

    /// <summary>How many requests may be outstanding at once.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>
    /// How many text → label answers are remembered (least recently used are dropped); 0 disables caching. Sized for
    /// a stream whose distinct texts repeat over minutes: a cache smaller than the working set of texts sends most
    /// repeats to the service again (10,000 entries sent 3.7 requests per distinct text in the benchmark).
    /// </summary>
    public int CacheSize { get; set; } = 100_000;

    /// <summary>Longer texts are not cached, so the cache holds at most about CacheSize × this many characters (≈ 200 MB).</summary>
    public int MaxCachedTextLength { get; set; } = 1_024;

    /// <summary>An attempt that has no answer after this long counts as a transient failure and is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failure; it doubles with each further failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid(nameof(Url), Url, "must be an absolute http(s) URL");
        }

        if (MaxConcurrency < 1)
        {
            throw Invalid(nameof(MaxConcurrency), MaxConcurrency, "must be at least 1");
        }

        if (CacheSize < 0)
        {
            throw Invalid(nameof(CacheSize), CacheSize, "must not be negative");
        }

        if (MaxCachedTextLength < 0)
        {
            throw Invalid(nameof(MaxCachedTextLength), MaxCachedTextLength, "must not be negative");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw Invalid(nameof(RequestTimeout), RequestTimeout, "must be positive");
        }

        if (InitialBackoff <= TimeSpan.Zero)
        {
            throw Invalid(nameof(InitialBackoff), InitialBackoff, "must be positive");
        }

        if (MaxBackoff < InitialBackoff)
        {
            throw Invalid(nameof(MaxBackoff), MaxBackoff, "must not be less than InitialBackoff");
        }
    }

    private static InvalidOperationException Invalid(string name, object? value, string rule)
        => new($"{SectionName}:{name} is '{value}'; it {rule}.");
}
