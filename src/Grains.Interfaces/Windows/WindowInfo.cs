namespace Orleans.Saga.Windows;

/// <summary>A window the cluster knows of, for one saga.</summary>
[GenerateSerializer, Immutable]
public sealed record WindowInfo(
    [property: Id(0)] long Start,
    [property: Id(1)] long End,
    [property: Id(2)] string Label,
    [property: Id(3)] bool IsFinal);
