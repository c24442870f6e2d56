namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

/// <summary>Which outside client writes a round to the topic.</summary>
public enum ProducerKind
{
    Confluent,
    Kcat,
}
