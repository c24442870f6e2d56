using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Saga.Domain.Classification;
using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Domain.Tests.Classification;

/// <summary>Against a real HTTP server on 127.0.0.1 (see <see cref="ClassifierServer"/>).</summary>
public sealed class HttpSagaClassifierTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private HttpSagaClassifier Create(Uri url, out ListLogger<HttpSagaClassifier> logger, Action<HttpClassifierOptions>? configure = null)
    {
        var options = new HttpClassifierOptions
        {
            Url = url,
            RequestTimeout = TimeSpan.FromSeconds(5),
            InitialBackoff = TimeSpan.FromMilliseconds(20),
            MaxBackoff = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        logger = new ListLogger<HttpSagaClassifier>();
        return new HttpSagaClassifier(_http, Options.Create(options), logger);
    }

    private HttpSagaClassifier Create(Uri url, Action<HttpClassifierOptions>? configure = null) => Create(url, out _, configure);

    private static ValueTask<ClassificationResult> Classify(HttpSagaClassifier classifier, string text, CancellationToken cancellationToken = default)
        => classifier.ClassifyAsync(text, [], cancellationToken);

    private static async Task WaitUntil(Func<bool> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(stopwatch.Elapsed < Patience, "condition not reached in time");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Posts_the_text_as_json_and_returns_the_label()
    {
        await using var server = await ClassifierServer.StartAsync();
        var classifier = Create(server.Url);
        const string Text = "Yoda said \"hi\" 😀 é\n\ttabs and \\ slashes";

        var result = await Classify(classifier, Text);

        Assert.True(result.IsSuccess);
        Assert.Equal($"label-of-{Text}", result.Label);
        Assert.Equal([Text], server.Texts);
        Assert.Equal(1, classifier.Requests);
        Assert.True(classifier.IsHealthy);
    }

    [Fact]
    public async Task Identical_texts_are_answered_from_the_cache()
    {
        await using var server = await ClassifierServer.StartAsync();
        var classifier = Create(server.Url);

        var first = await Classify(classifier, "Gandalf");
        var second = await Classify(classifier, "Gandalf");

        Assert.Equal(first, second);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal(1, classifier.CacheHits);
    }

    [Fact]
    public async Task The_cache_drops_the_least_recently_used_text()
    {
        await using var server = await ClassifierServer.StartAsync();
        var classifier = Create(server.Url, o => o.CacheSize = 2);

        foreach (var text in new[] { "a", "b", "a", "c", "a", "b" })
        {
            await Classify(classifier, text);
        }

        // "a" stays warm; "c" pushes out "b", which must be asked again.
        Assert.Equal(["a", "b", "c", "b"], server.Texts);
        Assert.Equal(2, classifier.CacheHits);
    }

    [Fact]
    public async Task Texts_longer_than_the_cache_limit_are_not_cached()
    {
        await using var server = await ClassifierServer.StartAsync();
        var classifier = Create(server.Url, o => o.MaxCachedTextLength = 5);

        await Classify(classifier, "123456");
        await Classify(classifier, "123456");
        await Classify(classifier, "12345");
        await Classify(classifier, "12345");

        Assert.Equal(["123456", "123456", "12345"], server.Texts);
    }

    [Fact]
    public async Task Identical_texts_in_flight_share_one_request()
    {
        var gate = new TaskCompletionSource();
        await using var server = await ClassifierServer.StartAsync(handler: async (text, _, _) =>
        {
            await gate.Task;
            return ClassifierServer.Label("Star Wars");
        });
        var classifier = Create(server.Url);

        var calls = Enumerable.Range(0, 20).Select(_ => Classify(classifier, "Luke").AsTask()).ToList();
        await WaitUntil(() => server.RequestCount == 1);
        await Task.Delay(100);
        gate.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Equal("Star Wars", r.Label));
        Assert.Equal(1, server.RequestCount);
        Assert.Equal(1, classifier.Requests);
    }

    [Fact]
    public async Task Concurrency_is_bounded()
    {
        var gate = new TaskCompletionSource();
        await using var server = await ClassifierServer.StartAsync(handler: async (text, _, _) =>
        {
            await gate.Task;
            return ClassifierServer.Label("x");
        });
        var classifier = Create(server.Url, o => o.MaxConcurrency = 3);

        var calls = Enumerable.Range(0, 10).Select(i => Classify(classifier, $"text {i}").AsTask()).ToList();
        await WaitUntil(() => server.RequestCount == 3);
        await Task.Delay(200);
        Assert.Equal(3, server.RequestCount);

        gate.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(10, server.RequestCount);
        Assert.Equal(3, server.MaxConcurrentRequests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task Transient_answers_are_retried_until_a_label_comes(int status)
    {
        await using var server = await ClassifierServer.StartAsync(handler: (text, number, _) =>
            Task.FromResult(number <= 3 ? Results.StatusCode(status) : ClassifierServer.Label("Marvel")));
        var classifier = Create(server.Url, out var logger);

        var result = await Classify(classifier, "Thor");

        Assert.Equal("Marvel", result.Label);
        Assert.Equal(4, classifier.Requests);
        Assert.Equal(3, classifier.Failures);
        Assert.True(classifier.IsHealthy);
        Assert.Single(logger.At(LogLevel.Warning));
        Assert.Contains(status.ToString(), logger.At(LogLevel.Warning)[0]);
        Assert.Single(logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task Is_unhealthy_while_the_service_is_down_and_healthy_once_it_answers()
    {
        var down = true;
        await using var server = await ClassifierServer.StartAsync(handler: (text, _, _) =>
            Task.FromResult(Volatile.Read(ref down) ? Results.StatusCode(503) : ClassifierServer.Label("Marvel")));
        var classifier = Create(server.Url, out var logger);

        var call = Classify(classifier, "Loki").AsTask();
        await WaitUntil(() => classifier.Failures >= 3);
        Assert.False(classifier.IsHealthy);
        Assert.False(call.IsCompleted);

        Volatile.Write(ref down, false);
        var result = await call;

        Assert.Equal("Marvel", result.Label);
        Assert.True(classifier.IsHealthy);
        var warning = Assert.Single(logger.At(LogLevel.Warning));
        Assert.Contains("unavailable", warning);
        var recovery = Assert.Single(logger.At(LogLevel.Information));
        Assert.Contains("answers again", recovery);
    }

    [Fact]
    public async Task Connection_refused_is_retried_until_the_server_is_back()
    {
        int port;
        await using (var first = await ClassifierServer.StartAsync())
        {
            port = first.Port;
        }

        var classifier = Create(new Uri($"http://127.0.0.1:{port}/predict"));
        var call = Classify(classifier, "Arya Stark").AsTask();
        await WaitUntil(() => classifier.Failures >= 2);
        Assert.False(classifier.IsHealthy);

        await using var second = await ClassifierServer.StartAsync(port, (text, _, _) => Task.FromResult(ClassifierServer.Label("Game of Thrones")));
        var result = await call;

        Assert.Equal("Game of Thrones", result.Label);
        Assert.True(classifier.IsHealthy);
    }

    [Fact]
    public async Task Slow_answers_time_out_and_are_retried()
    {
        await using var server = await ClassifierServer.StartAsync(handler: async (text, number, aborted) =>
        {
            if (number == 1)
            {
                await Task.Delay(Timeout.Infinite, aborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Empty;
            }

            return ClassifierServer.Label("The Lord of the Rings");
        });
        var classifier = Create(server.Url, o => o.RequestTimeout = TimeSpan.FromMilliseconds(200));

        var result = await Classify(classifier, "Frodo");

        Assert.Equal("The Lord of the Rings", result.Label);
        Assert.Equal(1, classifier.Failures);
        Assert.Equal(2, server.RequestCount);
    }

    [Theory]
    [InlineData("""{"other":"Star Wars"}""")]
    [InlineData("""{"label":""}""")]
    [InlineData("""{"label":"   "}""")]
    [InlineData("""{"label":7}""")]
    [InlineData("""{"label":null}""")]
    [InlineData("""{"label":["Star Wars"]}""")]
    [InlineData("""["Star Wars"]""")]
    [InlineData("Star Wars")]
    [InlineData("")]
    public async Task An_answer_without_a_label_is_rejected_and_not_cached(string body)
    {
        await using var server = await ClassifierServer.StartAsync(handler: (text, _, _) =>
            Task.FromResult(Results.Text(body, "application/json")));
        var classifier = Create(server.Url);

        var result = await Classify(classifier, "Rey");
        await Classify(classifier, "Rey");

        Assert.False(result.IsSuccess);
        Assert.Equal(RejectionReason.NoLabel, result.Rejection);
        Assert.Contains(body, result.Detail);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(0, classifier.Failures);
    }

    [Fact]
    public async Task Rejection_details_quote_only_a_snippet_of_long_bodies()
    {
        var body = "{\"noise\":\"" + new string('x', 5_000) + "\"}";
        await using var server = await ClassifierServer.StartAsync(handler: (text, _, _) =>
            Task.FromResult(Results.Text(body, "application/json")));

        var result = await Classify(Create(server.Url), "Rey");

        Assert.StartsWith("answer has no non-empty string 'label': {\"noise\":\"xxx", result.Detail);
        Assert.EndsWith("…", result.Detail);
        Assert.InRange(result.Detail!.Length, 200, 300);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Other_client_errors_are_rejected_without_retrying(int status)
    {
        await using var server = await ClassifierServer.StartAsync(handler: (text, _, _) =>
            Task.FromResult(Results.Text("bad input", statusCode: status)));
        var classifier = Create(server.Url);

        var result = await Classify(classifier, "Rey");

        Assert.Equal(RejectionReason.ClassifierError, result.Rejection);
        Assert.StartsWith($"HTTP {status}", result.Detail);
        Assert.Contains("bad input", result.Detail);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal(0, classifier.Failures);
        Assert.True(classifier.IsHealthy);
    }

    [Fact]
    public async Task Cancellation_stops_the_retries()
    {
        await using var server = await ClassifierServer.StartAsync(handler: (text, _, _) => Task.FromResult(Results.StatusCode(503)));
        var classifier = Create(server.Url);
        using var cancellation = new CancellationTokenSource();

        var call = Classify(classifier, "Hodor", cancellation.Token).AsTask();
        await WaitUntil(() => classifier.Failures >= 2);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Task.Delay(150);
        var requests = server.RequestCount;
        await Task.Delay(500);
        Assert.Equal(requests, server.RequestCount);
    }

    [Fact]
    public async Task One_caller_giving_up_does_not_cancel_the_others_sharing_its_request()
    {
        var gate = new TaskCompletionSource();
        await using var server = await ClassifierServer.StartAsync(handler: async (text, _, _) =>
        {
            await gate.Task;
            return ClassifierServer.Label("Harry Potter");
        });
        var classifier = Create(server.Url);
        using var impatient = new CancellationTokenSource();

        var first = Classify(classifier, "Dobby", impatient.Token).AsTask();
        var second = Classify(classifier, "Dobby").AsTask();
        await WaitUntil(() => server.RequestCount == 1);
        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        gate.SetResult();
        Assert.Equal("Harry Potter", (await second).Label);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_request_abandoned_by_every_caller_is_not_joined_later()
    {
        await using var server = await ClassifierServer.StartAsync(handler: async (text, number, aborted) =>
        {
            if (number == 1)
            {
                await Task.Delay(Timeout.Infinite, aborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            return ClassifierServer.Label("Harry Potter");
        });
        var classifier = Create(server.Url);
        using var impatient = new CancellationTokenSource();

        var abandoned = Classify(classifier, "Dobby", impatient.Token).AsTask();
        await WaitUntil(() => server.RequestCount == 1);
        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        // Joining the abandoned request would wait forever: its server side never answers.
        var result = await Classify(classifier, "Dobby").AsTask().WaitAsync(Patience);

        Assert.Equal("Harry Potter", result.Label);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Backoff_is_capped()
    {
        await using var server = await ClassifierServer.StartAsync(handler: (text, number, _) =>
            Task.FromResult(number <= 12 ? Results.StatusCode(503) : ClassifierServer.Label("Marvel")));
        var classifier = Create(server.Url, o =>
        {
            o.InitialBackoff = TimeSpan.FromMilliseconds(10);
            o.MaxBackoff = TimeSpan.FromMilliseconds(40);
        });

        var stopwatch = Stopwatch.StartNew();
        var result = await Classify(classifier, "Groot");

        // Uncapped, twelve doublings from 10 ms would wait at least 20 s (half of each step is fixed).
        Assert.Equal("Marvel", result.Label);
        Assert.Equal(12, classifier.Failures);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }
}
