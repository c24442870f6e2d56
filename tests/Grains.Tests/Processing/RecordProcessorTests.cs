using System.Text;
using Orleans.Saga.Domain.Characters;
using Orleans.Saga.Domain.Classification;
using Orleans.Saga.Domain.Events;
using Orleans.Saga.Domain.Windows;
using Orleans.Saga.Options;
using Orleans.Saga.Processing;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Grains.Tests.Processing;

/// <summary>
/// The processor keeps each outcome at its record's place whether its classification completed at once (the embedded
/// classifier, a cached HTTP answer) or later (an HTTP request), and whether it succeeded or not.
/// </summary>
public sealed class RecordProcessorTests
{
    [Fact]
    public async Task Outcomes_keep_their_records_order_whether_classified_at_once_or_later()
    {
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600;
        string[] texts = ["Yoda now", "Finn later", "nobody here", "Yoda fails", "Finn now", "Rey fails later", "{broken"];
        var processor = new RecordProcessor(
            new CharacterMatcher(["Yoda", "Finn", "Rey"]),
            new ScriptedClassifier(),
            Microsoft.Extensions.Options.Options.Create(new PipelineOptions()),
            Microsoft.Extensions.Options.Options.Create(new WindowSettings()),
            TimeProvider.System);
        var records = texts
            .Select((text, offset) => Record(offset, text.StartsWith('{') ? text : $$"""{"id":"e{{offset}}","time":{{time}},"readers":1,"text":"{{text}}"}"""))
            .ToList();

        var outcomes = await processor.ProcessAsync(records, long.MinValue, CancellationToken.None);

        Assert.Equal(records, outcomes.Select(o => o.Record));
        Assert.Equal<string?>(["star_wars:now", "star_wars:later", null, null, "star_wars:now", null, null], outcomes.Select(o => o.Label));
        Assert.Equal<RejectionReason?>([null, null, null, RejectionReason.NoLabel, null, RejectionReason.NoLabel, RejectionReason.MalformedJson],
            outcomes.Select(o => o.Rejection));
        Assert.Equal(["Finn"], outcomes[1].Characters);
        Assert.Empty(outcomes[2].Characters);
    }

    private static KafkaRecord Record(long offset, string value) => new()
    {
        Topic = "events",
        Partition = 0,
        Offset = offset,
        PrecedingPosition = offset,
        Value = Encoding.UTF8.GetBytes(value),
    };

    /// <summary>Answers at once for texts ending in "now" or "fails", after a real wait for the others.</summary>
    private sealed class ScriptedClassifier : ISagaClassifier
    {
        public ValueTask<ClassificationResult> ClassifyAsync(string text, IReadOnlyList<string> mentionedCharacters, CancellationToken cancellationToken)
        {
            var result = text.Contains("fails", StringComparison.Ordinal)
                ? ClassificationResult.Reject(RejectionReason.NoLabel, "scripted failure")
                : ClassificationResult.Success($"star_wars:{text.Split(' ')[^1]}");
            return text.EndsWith("now", StringComparison.Ordinal) || text == "Yoda fails"
                ? ValueTask.FromResult(result)
                : new ValueTask<ClassificationResult>(Later(result));
        }

        private static async Task<ClassificationResult> Later(ClassificationResult result)
        {
            await Task.Delay(20);
            return result;
        }
    }
}
