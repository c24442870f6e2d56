using BenchmarkDotNet.Attributes;
using Orleans.Saga.Bench.Micro.Data;
using Orleans.Saga.Domain.Classification;

namespace Orleans.Saga.Bench.Micro.Benchmarks;

/// <summary>The embedded classifier's vote over the mentioned characters, with the shipped characters file.</summary>
public class ClassifyBenchmarks
{
    private EmbeddedClassifier _classifier = null!;
    private string[] _one = [];
    private string[] _three = [];

    [GlobalSetup]
    public void Setup()
    {
        var catalog = ShippedCharacters.Load();
        _classifier = new EmbeddedClassifier(catalog);

        // One character, and three from two sagas (the majority wins).
        var bySaga = catalog.Characters.Where(c => c.Saga is not null).GroupBy(c => c.Saga!).ToList();
        _one = [bySaga[0].First().Name];
        _three = [bySaga[0].First().Name, bySaga[1].First().Name, bySaga[1].Last().Name];
    }

    [Benchmark(Description = "classify, 1 mention")]
    public string One() => _classifier.Classify(_one);

    [Benchmark(Description = "classify, 3 mentions")]
    public string Three() => _classifier.Classify(_three);
}
