namespace Orleans.Saga.DevKafka.Tests.Infrastructure;

/// <summary>One <c>devkafka</c> with the default topics (events:4, events-dlq:1), shared by a test class.</summary>
public sealed class DevKafkaFixture : IAsyncLifetime
{
    public DevKafkaProcess Broker { get; private set; } = null!;

    public async Task InitializeAsync() => Broker = await DevKafkaProcess.StartAsync();

    public async Task DisposeAsync() => await Broker.DisposeAsync();
}
