using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Saga.DevKafka.Tests.Infrastructure;
using Orleans.Saga.Grains.Tests.Infrastructure;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Classifier;

/// <summary>
/// A small HTTP classifier on Kestrel, the contract of the job the service replaces: <c>POST /predict
/// {"text": "..."}</c> answers <c>{"label": "..."}</c>. It labels as the recomputation does (the saga with the most
/// mentioned characters), so the expected rows stay the same. It can be stopped and started again on its port.
/// </summary>
public sealed class ClassifierService : IAsyncDisposable
{
    private static readonly IReadOnlyList<string> Names = [.. TestCharacters.All.Select(c => c.Name)];
    private static readonly IReadOnlyDictionary<string, string?> SagaOf = TestCharacters.All.ToDictionary(c => c.Name, c => c.Saga);

    private readonly int _port;
    private WebApplication? _app;
    private long _answered;

    private ClassifierService(int port) => _port = port;

    /// <summary>The endpoint for <c>Saga:Classifier:Url</c>.</summary>
    public string Url => $"http://127.0.0.1:{_port}/predict";

    /// <summary>Requests answered since the service was created.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    public static async Task<ClassifierService> StartAsync()
    {
        var service = new ClassifierService(FreePorts.Consecutive(1));
        await service.StartAgainAsync();
        return service;
    }

    /// <summary>Starts listening (again) on the same port.</summary>
    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/predict", (PredictRequest request) =>
        {
            Interlocked.Increment(ref _answered);
            return new PredictResponse(Recomputation.Label(Recomputation.Mentions(request.Text, Names), SagaOf));
        });
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops listening: new connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    public sealed record PredictRequest(string Text);

    public sealed record PredictResponse(string Label);
}
