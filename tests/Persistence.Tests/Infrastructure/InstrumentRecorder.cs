using System.Diagnostics.Metrics;

namespace Orleans.Saga.Persistence.Tests.Infrastructure;

/// <summary>Records the measurements of one instrument of the meters made by one <see cref="IMeterFactory"/>.</summary>
internal sealed class InstrumentRecorder<T> : IDisposable
    where T : struct
{
    private readonly MeterListener _listener = new();
    private readonly List<Measurement> _measurements = [];

    public InstrumentRecorder(IMeterFactory scope, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Name == instrumentName)
            {
                Instrument = instrument;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<T>((_, value, tags, _) =>
        {
            var tagMap = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                tagMap[tag.Key] = tag.Value;
            }

            lock (_measurements)
            {
                _measurements.Add(new Measurement(value, tagMap));
            }
        });
        _listener.Start();
    }

    public sealed record Measurement(T Value, IReadOnlyDictionary<string, object?> Tags);

    public Instrument? Instrument { get; private set; }

    public IReadOnlyList<Measurement> Measurements
    {
        get
        {
            lock (_measurements)
            {
                return [.. _measurements];
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
