using System.Diagnostics.Metrics;

namespace Orleans.Saga.Persistence.Tests.Infrastructure;

/// <summary>An <see cref="IMeterFactory"/> whose meters carry it as their scope, so a test hears only its own store.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            _meters.ForEach(meter => meter.Dispose());
            _meters.Clear();
        }
    }
}
