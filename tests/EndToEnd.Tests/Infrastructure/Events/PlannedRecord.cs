namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;

/// <summary>
/// One record a test writes to a partition, and whether the pipeline must reject it (with which reason code).
/// Every value is unique within a test, so a record can be recognised wherever it turns up.
/// </summary>
public sealed record PlannedRecord(int Partition, byte[] Value, string? Rejection)
{
    public string Key => Convert.ToBase64String(Value);
}
