using BenchmarkDotNet.Attributes;
using Orleans.Saga.Bench.Micro.Data;
using Orleans.Saga.Domain.Characters;
using Orleans.Saga.Domain.Classification;
using Orleans.Saga.Domain.Events;
using Orleans.Saga.Domain.Windows;

namespace Orleans.Saga.Bench.Micro.Benchmarks;

/// <summary>
/// The whole domain work of one typical record, as the silo does it: decode, window, find mentions with the shipped
/// characters, classify. The floor of the pipeline's CPU per event; the rest is Kafka, Orleans and checkpoints.
/// </summary>
public class RecordPathBenchmarks
{
    private readonly EventDecoder _decoder = new();
    private readonly List<int> _mentions = [];
    private CharacterMatcher _matcher = null!;
    private EmbeddedClassifier _classifier = null!;
    private byte[] _value = [];

    [GlobalSetup]
    public void Setup()
    {
        var catalog = ShippedCharacters.Load();
        _matcher = new CharacterMatcher(catalog.Names);
        _classifier = new EmbeddedClassifier(catalog);
        _value = SampleTexts.Event(SampleTexts.Short(catalog.Names));
    }

    [Benchmark(Description = "decode + window + match + classify")]
    public string Process()
    {
        var @event = _decoder.Decode(_value).Event!;
        var window = TimeWindow.Containing(@event.Time, 300);
        _matcher.FindMentions(@event.Text, _mentions);
        var characters = new string[_mentions.Count];
        for (var i = 0; i < characters.Length; i++)
        {
            characters[i] = _matcher.NameOf(_mentions[i]);
        }

        return window.Start > 0 ? _classifier.Classify(characters) : string.Empty;
    }
}
