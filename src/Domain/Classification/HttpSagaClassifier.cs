using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Domain.Classification;

/// <summary>
/// Asks an external service for the label: <c>POST {"text": "..."}</c> → <c>{"label": "..."}</c>.
/// </summary>
/// <remarks>
/// <para>Throughput: at most <see cref="HttpClassifierOptions.MaxConcurrency"/> requests at once over the
/// given (pooled, reused) <see cref="HttpClient"/>; answers are kept in a bounded LRU cache; callers
/// asking for a text that is already being classified share that one request.</para>
/// <para>Backpressure: connection failures, timeouts, 5xx, 408 and 429 are retried with capped,
/// jittered exponential backoff until the caller gives up (cancellation), so an event is never skipped
/// or mislabelled while the service is down. A shared request stops only when every caller waiting
/// for it has cancelled.</para>
/// <para>An answer without a label and other 4xx answers are rejections: final, and not cached.</para>
/// </remarks>
public sealed partial class HttpSagaClassifier : ISagaClassifier
{
    private const int SnippetBytes = 200;

    private static readonly JsonWriterOptions RequestWriterOptions = new()
    {
        // The body is JSON for a machine, not HTML: send non-ASCII text as UTF-8 rather than \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly HttpClassifierOptions _options;
    private readonly Uri _url;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _concurrency;
    private readonly LabelCache _cache;
    private readonly ClassifierMetrics? _metrics;
    private readonly Dictionary<string, SharedRequest> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _inFlightLock = new();

    private long _requests;
    private long _failures;
    private long _cacheHits;
    private long _failuresInStreak;
    private int _unhealthy;

    public HttpSagaClassifier(
        HttpClient http,
        IOptions<HttpClassifierOptions> options,
        ILogger<HttpSagaClassifier> logger,
        ClassifierMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        _options = options.Value;
        _options.Validate();
        _http = http;
        _url = _options.Url!;
        _logger = logger;
        _concurrency = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        _cache = new LabelCache(_options.CacheSize, _options.MaxCachedTextLength);
        _metrics = metrics;
    }

    /// <summary>False from a failed attempt until the next answer.</summary>
    public bool IsHealthy => Volatile.Read(ref _unhealthy) == 0;

    /// <summary>HTTP requests sent, retries included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Attempts that failed transiently and were retried.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Calls answered from the cache without a request.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    public async ValueTask<ClassificationResult> ClassifyAsync(
        string text,
        IReadOnlyList<string> mentionedCharacters,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();

        SharedRequest request;
        var start = false;
        lock (_inFlightLock)
        {
            // Checked under the in-flight lock: a finished request is cached before it leaves _inFlight,
            // so a text is always found in one of the two while its answer is known.
            if (_cache.TryGet(text, out var cached))
            {
                Interlocked.Increment(ref _cacheHits);
                return ClassificationResult.Success(cached);
            }

            if (!_inFlight.TryGetValue(text, out request!))
            {
                request = new SharedRequest();
                _inFlight.Add(text, request);
                start = true;
            }

            request.Waiters++;
        }

        if (start)
        {
            _ = RunAsync(text, request);
        }

        try
        {
            return await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Leave(text, request);
        }
    }

    private void Leave(string text, SharedRequest request)
    {
        lock (_inFlightLock)
        {
            if (--request.Waiters > 0 || request.Completion.Task.IsCompleted)
            {
                return;
            }

            // Nobody waits any more: stop retrying, and let the next caller start afresh.
            if (_inFlight.TryGetValue(text, out var current) && current == request)
            {
                _inFlight.Remove(text);
            }
        }

        request.Cancellation.Cancel();
    }

    private async Task RunAsync(string text, SharedRequest request)
    {
        try
        {
            var result = await ClassifyWithRetriesAsync(text, request.Cancellation.Token).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                _cache.Set(text, result.Label);
            }

            Forget(text, request);
            request.Completion.TrySetResult(result);
        }
        catch (OperationCanceledException) when (request.Cancellation.IsCancellationRequested)
        {
            Forget(text, request);
            request.Completion.TrySetCanceled(request.Cancellation.Token);
        }
        catch (Exception exception)
        {
            Forget(text, request);
            request.Completion.TrySetException(exception);
        }
    }

    private void Forget(string text, SharedRequest request)
    {
        lock (_inFlightLock)
        {
            if (_inFlight.TryGetValue(text, out var current) && current == request)
            {
                _inFlight.Remove(text);
            }
        }
    }

    private async Task<ClassificationResult> ClassifyWithRetriesAsync(string text, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await SendAsync(text, cancellationToken).ConfigureAwait(false);
            if (outcome.Result is { } result)
            {
                OnAnswered();
                return result;
            }

            var delay = Backoff(attempt);
            OnTransientFailure(outcome.Failure!, delay);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Attempt> SendAsync(string text, CancellationToken cancellationToken)
    {
        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var attempt = await SendOnceAsync(text, cancellationToken).ConfigureAwait(false);
            Record(attempt, started);
            return attempt;
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private async Task<Attempt> SendOnceAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            Interlocked.Increment(ref _requests);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);

            using var content = CreateRequestBody(text);
            using var response = await _http.PostAsync(_url, content, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                return Attempt.Failed($"HTTP {status} {response.ReasonPhrase}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return Attempt.Answered(response.IsSuccessStatusCode
                ? ParseAnswer(body)
                : ClassificationResult.Reject(
                    RejectionReason.ClassifierError,
                    $"HTTP {status} {response.ReasonPhrase}: {Snippet(body)}"));
        }
        catch (HttpRequestException exception)
        {
            return Attempt.Failed(exception.Message);
        }
        catch (IOException exception)
        {
            return Attempt.Failed(exception.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Attempt.Failed($"no answer within {_options.RequestTimeout}");
        }
    }

    private void Record(Attempt attempt, long started)
    {
        if (_metrics is null)
        {
            return;
        }

        var (outcome, error) = attempt.Result switch
        {
            null => ("failed", "unavailable"),
            { IsSuccess: true } => ("answered", null),
            _ => ("rejected", "rejected"),
        };
        _metrics.RequestDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("outcome", outcome));
        if (error is not null)
        {
            _metrics.Errors.Add(1, new KeyValuePair<string, object?>("error", error));
        }
    }

    private static ByteArrayContent CreateRequestBody(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, RequestWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("text"u8, text);
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenMemory.ToArray());
        content.Headers.ContentType = JsonContentType;
        return content;
    }

    private static ClassificationResult ParseAnswer(byte[] body)
    {
        try
        {
            using var answer = JsonDocument.Parse(body);
            if (answer.RootElement.ValueKind == JsonValueKind.Object
                && answer.RootElement.TryGetProperty("label"u8, out var label)
                && label.ValueKind == JsonValueKind.String
                && label.GetString() is { } value
                && !string.IsNullOrWhiteSpace(value))
            {
                return ClassificationResult.Success(value);
            }
        }
        catch (JsonException)
        {
            // Not JSON: no label either.
        }

        return ClassificationResult.Reject(RejectionReason.NoLabel, $"answer has no non-empty string 'label': {Snippet(body)}");
    }

    private static string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, SnippetBytes)).Trim();
        return body.Length > SnippetBytes ? text + "…" : text;
    }

    /// <summary>
    /// Exponential backoff capped at MaxBackoff, with "equal jitter": half of the wait is fixed and half is
    /// random, so the partitions that all lost the service at once do not all come back at once.
    /// </summary>
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_options.InitialBackoff.Ticks * Math.Pow(2, attempt), _options.MaxBackoff.Ticks);
        var half = (long)ceiling / 2;
        return TimeSpan.FromTicks(half + Random.Shared.NextInt64(half + 1));
    }

    private void OnTransientFailure(string failure, TimeSpan delay)
    {
        Interlocked.Increment(ref _failures);
        var inStreak = Interlocked.Increment(ref _failuresInStreak);
        if (Interlocked.Exchange(ref _unhealthy, 1) == 0)
        {
            LogUnavailable(_url, failure);
        }
        else
        {
            LogStillUnavailable(_url, failure, inStreak, delay);
        }
    }

    private void OnAnswered()
    {
        if (Interlocked.Exchange(ref _unhealthy, 0) == 1)
        {
            LogRecovered(_url, Interlocked.Exchange(ref _failuresInStreak, 0));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Classifier {Url} is unavailable ({Failure}); retrying with backoff, events wait")]
    private partial void LogUnavailable(Uri url, string failure);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Classifier {Url} still unavailable ({Failure}); {Failures} failures so far, next try in {Delay}")]
    private partial void LogStillUnavailable(Uri url, string failure, long failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier {Url} answers again after {Failures} failed attempts")]
    private partial void LogRecovered(Uri url, long failures);

    /// <summary>One request for a text, shared by every caller that asks for that text while it runs.</summary>
    private sealed class SharedRequest
    {
        public TaskCompletionSource<ClassificationResult> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        // Never disposed: it has no timer, and Leave may cancel it after the request has finished.
        public CancellationTokenSource Cancellation { get; } = new();

        /// <summary>Callers waiting for the answer; guarded by the classifier's in-flight lock.</summary>
        public int Waiters { get; set; }
    }

    private readonly record struct Attempt(ClassificationResult? Result, string? Failure)
    {
        public static Attempt Answered(ClassificationResult result) => new(result, null);

        public static Attempt Failed(string failure) => new(null, failure);
    }
}
