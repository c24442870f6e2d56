using System.Diagnostics.Metrics;

namespace Orleans.Saga.Persistence.MySql;

/// <summary>The instruments of <see cref="MySqlWindowRowStore"/> on the meter <see cref="MySqlWindowRowStore.MeterName"/>.</summary>
internal sealed class MySqlWindowRowStoreMetrics : IDisposable
{
    private readonly Meter? _ownedMeter;

    public MySqlWindowRowStoreMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(MySqlWindowRowStore.MeterName) ?? (_ownedMeter = new Meter(MySqlWindowRowStore.MeterName));
        WriteDuration = meter.CreateHistogram<double>(
            "saga.mysql.write.duration",
            unit: "ms",
            description: "Duration of one window write (one transaction), by outcome.");
        WriteErrors = meter.CreateCounter<long>(
            "saga.mysql.write.errors",
            unit: "{error}",
            description: "Window writes that failed, by error type (unavailable = transient).");
    }

    public Histogram<double> WriteDuration { get; }

    public Counter<long> WriteErrors { get; }

    public void Dispose() => _ownedMeter?.Dispose();
}
