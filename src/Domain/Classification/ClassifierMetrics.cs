using System.Diagnostics.Metrics;

namespace Orleans.Saga.Domain.Classification;

/// <summary>The HTTP classifier's instruments, on the meter <see cref="MeterName"/>.</summary>
public sealed class ClassifierMetrics
{
    public const string MeterName = "Orleans.Saga.Classifier";

    public ClassifierMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        RequestDuration = meter.CreateHistogram<double>(
            "saga.classifier.request.duration",
            unit: "ms",
            description: "Duration of one request to the classifier service, by outcome (answered, rejected, failed).");
        Errors = meter.CreateCounter<long>(
            "saga.classifier.errors",
            unit: "{error}",
            description: "Classifier requests that failed, by error: unavailable (retried) or rejected (dead-lettered).");
    }

    internal Histogram<double> RequestDuration { get; }

    internal Counter<long> Errors { get; }
}
