using System.Text;
using Orleans.Saga.Client.Tests.Infrastructure;
using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Client.Tests.Producing;

/// <summary>samples/events.jsonl, which the README streams: made by <c>saga generate</c>, every line a valid event.</summary>
public sealed class SampleFileTests
{
    [Fact]
    public void The_sample_file_holds_2000_valid_events_over_half_an_hour()
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "samples", "events.jsonl"));
        var decoder = new EventDecoder();

        var events = lines.Select(line => decoder.Decode(Encoding.UTF8.GetBytes(line))).ToList();

        Assert.Equal(2000, events.Count);
        Assert.All(events, e => Assert.True(e.IsSuccess, e.Detail));
        Assert.Equal(2000, events.Select(e => e.Event!.Id).Distinct().Count());
        var start = DateTimeOffset.Parse("2024-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        Assert.All(events, e => Assert.InRange(e.Event!.Time, start, start + 1799));
    }
}
