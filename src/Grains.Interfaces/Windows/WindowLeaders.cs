namespace Orleans.Saga.Windows;

/// <summary>The ranked characters of one (window, saga).</summary>
[GenerateSerializer, Immutable]
public sealed record WindowLeaders(
    [property: Id(0)] long Start,
    [property: Id(1)] long End,
    [property: Id(2)] string Label,
    [property: Id(3)] bool IsFinal,
    [property: Id(4)] IReadOnlyList<Leader> Leaders,
    [property: Id(5)] int Characters,
    [property: Id(6)] DateTimeOffset? UpdatedUtc);

/// <summary>One ranked character.</summary>
[GenerateSerializer, Immutable]
public sealed record Leader(
    [property: Id(0)] string Character,
    [property: Id(1)] long Count,
    [property: Id(2)] int Rank);
