namespace Orleans.Saga.Persistence.Tests.Grains;

[GenerateSerializer]
public sealed class LargeState
{
    [Id(0)]
    public string? Payload { get; set; }
}
