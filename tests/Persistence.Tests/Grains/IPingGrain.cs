namespace Orleans.Saga.Persistence.Tests.Grains;

public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>The silo the grain runs on.</summary>
    Task<string> PingAsync();
}
