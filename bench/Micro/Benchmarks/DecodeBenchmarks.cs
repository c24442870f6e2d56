using BenchmarkDotNet.Attributes;
using Orleans.Saga.Bench.Micro.Data;
using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Bench.Micro.Benchmarks;

/// <summary>Decoding one record value: UTF-8 validation, one forward JSON pass, the event's strings.</summary>
public class DecodeBenchmarks
{
    private readonly EventDecoder _decoder = new();
    private byte[] _short = [];
    private byte[] _long = [];
    private byte[] _malformed = [];

    [GlobalSetup]
    public void Setup()
    {
        var names = ShippedCharacters.Load().Names;
        _short = SampleTexts.Event(SampleTexts.Short(names));
        _long = SampleTexts.Event(SampleTexts.Long(names));
        _malformed = "{\"id\":\"evt-1\",\"time\":\"yesterday\",\"text\":\"Frodo\"}"u8.ToArray();
    }

    [Benchmark(Description = "decode ~200 B event")]
    public SagaEvent? Short() => _decoder.Decode(_short).Event;

    [Benchmark(Description = "decode 64 KB-text event")]
    public SagaEvent? Long() => _decoder.Decode(_long).Event;

    [Benchmark(Description = "decode rejected (mistyped time)")]
    public RejectionReason Rejected() => _decoder.Decode(_malformed).Reason;
}
