using System.Text.Json;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>Seeded random events: skewed character popularity (so ranks tie and differ), decoys, noise.</summary>
public sealed class EventGenerator(int seed)
{
    private static readonly string[] Filler = ["the", "watch", "live", "again", "tonight", "scene", "clip", "wow", "😀", "ça", "2024", "#trending"];
    private static readonly string[] Separators = [" ", ", ", "! ", " - ", "\n", " (", ") ", "\"", "'s "];
    private static readonly string[] Decoys = ["Gandalfs", "9Luke", "Harryish", "xAragorn", "Gollum2", "Lukeé"];

    private readonly Random _random = new(seed);
    private int _ids;

    public string Text()
    {
        var parts = new List<string>();
        var mentions = _random.Next(0, 4);
        for (var i = 0; i < mentions; i++)
        {
            // Squaring skews towards the first characters in the list.
            var pick = (int)(Math.Pow(_random.NextDouble(), 2) * TestCharacters.All.Length);
            parts.Add(Case(TestCharacters.All[pick].Name));
        }

        for (var i = _random.Next(1, 5); i > 0; i--)
        {
            parts.Add(_random.Next(8) == 0 ? Decoys[_random.Next(Decoys.Length)] : Filler[_random.Next(Filler.Length)]);
        }

        var shuffled = parts.OrderBy(_ => _random.Next()).ToList();
        return string.Concat(shuffled.Select(p => p + Separators[_random.Next(Separators.Length)]));
    }

    public string Json(long time, string text) => JsonSerializer.Serialize(new
    {
        id = $"evt-{++_ids}",
        time,
        readers = _random.Next(4) == 0 ? (int?)null : _random.Next(0, 100_000),
        text,
    });

    public int Next(int max) => _random.Next(max);

    private string Case(string name) => _random.Next(4) switch
    {
        0 => name.ToUpperInvariant(),
        1 => name.ToLowerInvariant(),
        _ => name,
    };
}
