using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Persistence.Tests.Infrastructure;
using static Orleans.Saga.Persistence.Tests.WindowRows.WindowRowStoreFactory;

namespace Orleans.Saga.Persistence.Tests.WindowRows;

[Collection(MariaDbCollection.Name)]
public sealed class MetricsTests(MariaDbFixture database)
{
    [SkippableFact]
    public async Task Each_write_records_its_duration_and_outcome()
    {
        database.SkipIfUnavailable();
        using var meterFactory = new TestMeterFactory();
        using var durations = new InstrumentRecorder<double>(meterFactory, "saga.mysql.write.duration");
        await using var store = Create(database.ConnectionString, meterFactory);
        var (start, end) = UniqueWindow();
        var label = UniqueLabel();

        await store.WriteWindowAsync(start, end, label, Ranked(("A", 1)), isFinal: true, default);
        await store.WriteWindowAsync(start, end, label, Ranked(("A", 2)), isFinal: true, default);

        Assert.Equal(["written", "skipped_final"], durations.Measurements.Select(measurement => measurement.Tags["outcome"]));
        Assert.All(durations.Measurements, measurement => Assert.True(measurement.Value > 0));
        Assert.Equal(MySqlWindowRowStore.MeterName, durations.Instrument?.Meter.Name);
    }
}
