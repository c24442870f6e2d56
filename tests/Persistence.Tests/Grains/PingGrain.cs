namespace Orleans.Saga.Persistence.Tests.Grains;

public sealed class PingGrain(ILocalSiloDetails silo) : Grain, IPingGrain
{
    public Task<string> PingAsync() => Task.FromResult(silo.SiloAddress.ToString());
}
