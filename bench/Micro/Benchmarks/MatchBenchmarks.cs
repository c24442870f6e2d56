using BenchmarkDotNet.Attributes;
using Orleans.Saga.Bench.Micro.Data;
using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Bench.Micro.Benchmarks;

/// <summary>Finding the mentioned names in one text (Aho–Corasick, one pass) as the name list grows.</summary>
public class MatchBenchmarks
{
    private readonly List<int> _mentions = [];
    private CharacterMatcher _matcher = null!;
    private string _text = string.Empty;

    [Params(100, 1_000, 10_000)]
    public int Names { get; set; }

    [Params("short", "64KB")]
    public string Text { get; set; } = "short";

    [GlobalSetup]
    public void Setup()
    {
        var names = SyntheticNames.Create(Names);
        _matcher = new CharacterMatcher(names);
        _text = Text == "short" ? SampleTexts.Short(names) : SampleTexts.Long(names);
    }

    [Benchmark(Description = "find mentions")]
    public int FindMentions()
    {
        _matcher.FindMentions(_text, _mentions);
        return _mentions.Count;
    }
}
