namespace Orleans.Saga.Bench.EndToEnd.Workload;

/// <summary>One record to produce: its partition, its event time and text, and its JSON value.</summary>
public sealed record BenchRecord(int Partition, long Time, LabelledText? Text, byte[] Value);
