using Orleans.Concurrency;
using Orleans.Saga.Health;

namespace Orleans.Saga.Client.Tests.Infrastructure;

/// <summary>
/// A health grain for the test cluster, with one unhealthy part so that the status must show both kinds. Once the
/// silo ships its own <c>HealthGrain</c>, that one is preferred (its name matches the interface's), and the status
/// test, which compares with what the grain returns, still holds.
/// </summary>
[StatelessWorker]
public sealed class TestHealthGrain : Grain, IHealthGrain
{
    public Task<HealthReport> Check() => Task.FromResult(new HealthReport(
        RuntimeIdentity,
        new ClassifierHealth("embedded", true, "characters file, 17 names"),
        new DatabaseHealth(false, "test cluster: no database"),
        new BrokerHealth(true, "test cluster: memory streams"),
        DateTimeOffset.UtcNow));
}
