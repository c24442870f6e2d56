namespace Orleans.Saga.Windows;

/// <summary>A (window, saga) pair: the unit that is ranked and written as rows.</summary>
/// <param name="Start">The window start, Unix seconds (UTC).</param>
/// <param name="Label">The saga label.</param>
[GenerateSerializer, Immutable]
public readonly record struct WindowKey([property: Id(0)] long Start, [property: Id(1)] string Label);
