using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Saga.Bench.EndToEnd.Pipeline;
using Orleans.Saga.Bench.EndToEnd.Workload;

namespace Orleans.Saga.Bench.EndToEnd.Classifier;

/// <summary>
/// A fast local classifier service with the contract of the job we replace (<c>POST {"text"}</c> →
/// <c>{"label"}</c>), answering what the embedded classifier would, so that the HTTP run's rows can be checked the
/// same way. It counts requests, distinct texts, and the most requests for one text that were ever in flight at
/// once (the classifier promises one).
/// </summary>
public sealed class LocalClassifierService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TextLabeler _labeler;
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _distinct = new(StringComparer.Ordinal);
    private long _requests;
    private int _maxInFlightPerText;
    private int _inFlightTotal;
    private int _maxInFlightTotal;

    private LocalClassifierService(WebApplication app, TextLabeler labeler, Uri url)
    {
        _app = app;
        _labeler = labeler;
        Url = url;
    }

    public Uri Url { get; }

    public ClassifierServiceStats Stats => new(
        Interlocked.Read(ref _requests), _distinct.Count, Volatile.Read(ref _maxInFlightPerText), Volatile.Read(ref _maxInFlightTotal));

    public static async Task<LocalClassifierService> StartAsync(TextLabeler labeler)
    {
        var port = SiloSettings.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var service = new LocalClassifierService(app, labeler, new Uri($"http://127.0.0.1:{port}/predict"));
        app.MapPost("/predict", service.PredictAsync);
        await app.StartAsync();
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task PredictAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body);
        var text = request.RootElement.GetProperty("text").GetString() ?? string.Empty;
        Interlocked.Increment(ref _requests);
        _distinct.TryAdd(text, true);
        Max(ref _maxInFlightPerText, _inFlight.AddOrUpdate(text, 1, (_, n) => n + 1));
        Max(ref _maxInFlightTotal, Interlocked.Increment(ref _inFlightTotal));
        try
        {
            var label = _labeler.Label(text).Label ?? "unknown";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { label }));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlightTotal);
            _inFlight.AddOrUpdate(text, 0, (_, n) => n - 1);
        }
    }

    private static void Max(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

/// <summary>Requests answered, distinct texts asked, and the most requests in flight for one text and overall.</summary>
public sealed record ClassifierServiceStats(long Requests, int DistinctTexts, int MaxInFlightPerText, int MaxInFlight);
