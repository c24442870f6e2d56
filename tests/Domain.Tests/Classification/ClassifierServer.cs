using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.Saga.Domain.Tests.Classification;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that plays the classification service. Each request's text is
/// recorded and handed to <see cref="Handler"/>, which the test can swap at any time.
/// </summary>
internal sealed class ClassifierServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _texts = [];
    private int _active;
    private int _maxActive;

    private ClassifierServer(WebApplication app) => _app = app;

    public delegate Task<IResult> RequestHandler(string text, int requestNumber, CancellationToken aborted);

    public RequestHandler Handler { get; set; } = (text, _, _) => Task.FromResult(Label($"label-of-{text}"));

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/predict");

    public int RequestCount
    {
        get
        {
            lock (_texts)
            {
                return _texts.Count;
            }
        }
    }

    public IReadOnlyList<string> Texts
    {
        get
        {
            lock (_texts)
            {
                return [.. _texts];
            }
        }
    }

    /// <summary>The most requests the server was handling at the same time.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxActive);

    public static IResult Label(string label) => Results.Json(new { label });

    /// <summary>Starts a server on the given port, or on a free one with port 0.</summary>
    public static async Task<ClassifierServer> StartAsync(int port = 0, RequestHandler? handler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ClassifierServer(app);
        if (handler is not null)
        {
            server.Handler = handler;
        }

        app.MapPost("/predict", server.HandleAsync);
        await app.StartAsync();
        server.Port = new Uri(app.Urls.Single()).Port;
        return server;
    }

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var text = body.RootElement.GetProperty("text").GetString()!;
        int number;
        lock (_texts)
        {
            _texts.Add(text);
            number = _texts.Count;
        }

        var active = Interlocked.Increment(ref _active);
        for (var max = Volatile.Read(ref _maxActive); active > max; max = Volatile.Read(ref _maxActive))
        {
            Interlocked.CompareExchange(ref _maxActive, active, max);
        }

        try
        {
            var result = await Handler(text, number, context.RequestAborted);
            await result.ExecuteAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }
}
