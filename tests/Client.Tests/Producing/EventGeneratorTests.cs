using System.Text;
using Orleans.Saga.Client.Producing;
using Orleans.Saga.Client.Tests.Infrastructure;
using Orleans.Saga.Domain.Characters;
using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Client.Tests.Producing;

/// <summary>Against the shipped characters file, which lands next to the tests.</summary>
public sealed class EventGeneratorTests
{
    private static readonly CharacterCatalog Catalog = CharacterCatalog.Load(CharacterCatalog.DefaultPath);
    private static readonly CharacterMatcher Matcher = new(Catalog.Names);
    private readonly ManualTime _time = new(DateTimeOffset.Parse("2024-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Events_are_valid_and_mention_what_they_were_written_to_mention()
    {
        var generator = new EventGenerator(Catalog, EventTimes.AroundNow(_time, TimeSpan.FromSeconds(3)), seed: 11);
        var decoder = new EventDecoder();

        var events = generator.Take(5000).ToList();

        Assert.Equal(5000, events.Select(e => e.Id).Distinct().Count());
        foreach (var generated in events)
        {
            var decoded = decoder.Decode(Encoding.UTF8.GetBytes(generated.ToJson()));
            Assert.True(decoded.IsSuccess, decoded.Detail);
            Assert.Equal(new SagaEvent(generated.Id, generated.Time, generated.Readers, generated.Text), decoded.Event);

            var mentioned = Matcher.FindMentions(generated.Text).ToHashSet();
            Assert.Subset(mentioned, generated.Characters.ToHashSet());

            // Nothing else: a longer name may contain a shorter listed one ("Lord Voldemort", "Voldemort").
            Assert.All(mentioned.Except(generated.Characters), extra =>
                Assert.Contains(generated.Characters, picked => picked.Contains(extra, StringComparison.OrdinalIgnoreCase)));
        }

        var byCount = events.GroupBy(e => e.Characters.Count).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([0, 1, 2, 3], byCount.Keys.Order());
        Assert.InRange(byCount[0], 500, 1000);
        Assert.InRange(byCount[1], 2000, 2500);
    }

    [Fact]
    public void Main_characters_are_mentioned_most()
    {
        var generator = new EventGenerator(Catalog, EventTimes.AroundNow(_time, TimeSpan.Zero), seed: 3);

        var mentions = generator.Take(20_000).SelectMany(e => e.Characters).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());

        var harryPotter = Catalog.Characters.Where(c => c.Saga == "Harry Potter").Select(c => mentions.GetValueOrDefault(c.Name)).ToList();
        Assert.True(harryPotter[0] > 3 * harryPotter[^1], $"first {harryPotter[0]}, last {harryPotter[^1]}");
    }

    [Fact]
    public void Times_around_now_trail_the_clock_by_at_most_the_jitter()
    {
        var generator = new EventGenerator(Catalog, EventTimes.AroundNow(_time, TimeSpan.FromSeconds(3)), seed: 1);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();

        Assert.All(generator.Take(1000), e => Assert.InRange(e.Time, now - 3, now));
    }

    [Fact]
    public void Spread_times_cover_the_span_in_order_give_or_take_the_jitter()
    {
        var start = DateTimeOffset.Parse("2024-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var generator = new EventGenerator(Catalog, EventTimes.Spread(start, TimeSpan.FromMinutes(30), 2000, TimeSpan.FromSeconds(3)), seed: 1);

        var times = generator.Take(2000).Select(e => e.Time).ToList();

        var first = start.ToUnixTimeSeconds();
        Assert.All(times, t => Assert.InRange(t, first, first + 1799));
        Assert.True(times[0] <= first + 3 && times[^1] >= first + 1790);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second >= pair.First - 6, $"{pair.First} then {pair.Second}"));
    }

    [Fact]
    public void A_seed_gives_the_same_events()
    {
        EventGenerator Make() => new(Catalog, EventTimes.AroundNow(_time, TimeSpan.FromSeconds(3)), seed: 42);

        Assert.Equal(Make().Take(100).Select(e => e.ToJson()), Make().Take(100).Select(e => e.ToJson()));
        Assert.NotEqual(Make().Take(100).Select(e => e.ToJson()), new EventGenerator(Catalog, EventTimes.AroundNow(_time, TimeSpan.FromSeconds(3)), seed: 43).Take(100).Select(e => e.ToJson()));
    }
}
