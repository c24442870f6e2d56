namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

/// <summary>Which outside client writes a round to the topic.</summary>
public enum ProducerKind
{
    Confluent,
    Kcat,

    /// <summary>A Confluent producer writing each round in one committed transaction: its markers take offsets too.</summary>
    Transactional,
}
