using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.Saga.Deploy.Tests.Infrastructure;

/// <summary>
/// A classifier service on a free loopback port: <c>POST /predict {"text": …}</c> → <c>{"label": …}</c>. The first
/// <c>failFirst</c> requests get 503, as from a service that is still starting.
/// </summary>
internal sealed class ClassifierStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    private ClassifierStub(WebApplication app, Uri url, int failFirst)
    {
        _app = app;
        Url = url;
        _failuresLeft = failFirst;
    }

    public Uri Url { get; }

    public static async Task<ClassifierStub> StartAsync(string label, int failFirst)
    {
        var port = FreePorts.Take(1)[0];
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new ClassifierStub(app, new Uri($"http://127.0.0.1:{port}/predict"), failFirst);
        app.MapPost("/predict", () => Interlocked.Decrement(ref stub._failuresLeft) >= 0
            ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
            : Results.Text($"{{\"label\":\"{label}\"}}", "application/json"));
        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
