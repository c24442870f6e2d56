using Microsoft.Extensions.Options;
using Orleans.Saga.Domain.Characters;
using Orleans.Saga.Domain.Classification;
using Orleans.Saga.Domain.Events;
using Orleans.Saga.Domain.Windows;
using Orleans.Saga.Options;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Processing;

/// <summary>
/// Turns a batch of records into outcomes: decode, check event time against the stream watermark, find mentions,
/// classify. Stateless and shared by every partition grain of a silo; the grain owns ordering and counting.
/// </summary>
public sealed class RecordProcessor
{
    private readonly EventDecoder _decoder;
    private readonly CharacterMatcher _matcher;
    private readonly ISagaClassifier _classifier;
    private readonly EventTimeSource _eventTime;
    private readonly WindowSettings _windows;
    private readonly TimeProvider _time;

    public RecordProcessor(
        CharacterMatcher matcher,
        ISagaClassifier classifier,
        IOptions<PipelineOptions> pipeline,
        IOptions<WindowSettings> windows,
        TimeProvider time)
    {
        _decoder = new EventDecoder(pipeline.Value.MaxEventBytes);
        _matcher = matcher;
        _classifier = classifier;
        _eventTime = pipeline.Value.EventTime;
        _windows = windows.Value;
        _time = time;
    }

    /// <summary>Processes records in order; classifications that do not complete at once run concurrently.</summary>
    public async Task<ProcessedRecord[]> ProcessAsync(IReadOnlyList<KafkaRecord> records, long streamWatermark, CancellationToken cancellationToken)
    {
        var results = new ProcessedRecord[records.Count];
        // Only classifications still running wait here (HTTP cache misses): a list sized for every record of a batch
        // was a large-object-heap allocation per batch, and each one brought a full (gen 2) collection nearer.
        List<(int Index, long Time, TimeWindow Window, string[] Characters, ValueTask<ClassificationResult> Label)>? pending = null;
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var mentionIds = new List<int>();

        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var decoded = _decoder.Decode(record.Value);
            if (!decoded.IsSuccess)
            {
                results[i] = ProcessedRecord.Rejected(record, decoded.Reason, decoded.Detail);
                continue;
            }

            var @event = decoded.Event;
            var time = _eventTime == EventTimeSource.Kafka ? Math.Max(0, record.TimestampMs / 1000) : @event.Time;
            switch (EventTimePolicy.Classify(time, _windows.SizeSeconds, streamWatermark, now, (long)_windows.MaxFutureSkew.TotalSeconds))
            {
                case EventTiming.Future:
                    results[i] = ProcessedRecord.Rejected(record, RejectionReason.Future,
                        $"event time {time} is more than {_windows.MaxFutureSkew} ahead of wall time {now}");
                    continue;
                case EventTiming.Late:
                    results[i] = ProcessedRecord.Rejected(record, RejectionReason.Late,
                        $"window of event time {time} closed at stream watermark {streamWatermark}");
                    continue;
            }

            var window = TimeWindow.Containing(time, _windows.SizeSeconds);
            mentionIds.Clear();
            _matcher.FindMentions(@event.Text, mentionIds);
            if (mentionIds.Count == 0)
            {
                // Nothing to rank: no need to ask the classifier.
                results[i] = ProcessedRecord.Counted(record, time, window, label: null, []);
                continue;
            }

            var characters = new string[mentionIds.Count];
            for (var m = 0; m < characters.Length; m++)
            {
                characters[m] = _matcher.NameOf(mentionIds[m]);
            }

            var label = _classifier.ClassifyAsync(@event.Text, characters, cancellationToken);
            if (label.IsCompletedSuccessfully)
            {
                results[i] = Classified(record, time, window, characters, label.Result);
            }
            else
            {
                (pending ??= []).Add((i, time, window, characters, label));
            }
        }

        if (pending is not null)
        {
            foreach (var (index, time, window, characters, label) in pending)
            {
                results[index] = Classified(records[index], time, window, characters, await label);
            }
        }

        return results;
    }

    private static ProcessedRecord Classified(KafkaRecord record, long time, TimeWindow window, string[] characters, ClassificationResult classification) =>
        classification.IsSuccess
            ? ProcessedRecord.Counted(record, time, window, classification.Label, characters)
            : ProcessedRecord.Rejected(record, classification.Rejection ?? RejectionReason.NoLabel,
                classification.Detail ?? "the classifier gave no label", watermarkTime: time);
}
