using System.Globalization;
using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Client.Producing;

/// <summary>
/// Makes realistic events from a characters file: most posts are about one saga and mention zero to three of its
/// characters, the first-listed (main) characters far more often than the rest; now and then a post mixes sagas or
/// writes a name in lower case. With a seed the sequence is reproducible.
/// </summary>
public sealed class EventGenerator
{
    /// <summary>How often a post mentions 0, 1, 2 or 3 characters.</summary>
    private static readonly double[] MentionOdds = [0.15, 0.45, 0.28, 0.12];

    private const double CrossSagaOdds = 0.08;
    private const double LowerCaseOdds = 0.1;
    private const int MaxReaders = 250_000;

    private readonly IReadOnlyList<IReadOnlyList<string>> _sagas;
    private readonly EventTimes _times;
    private readonly Random _random;
    private readonly string _idPrefix;
    private int _next;

    public EventGenerator(CharacterCatalog catalog, EventTimes times, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Characters.Count == 0)
        {
            throw new ArgumentException("The characters file lists no character.", nameof(catalog));
        }

        // Characters without a saga form one more group, so that every listed name can be mentioned.
        _sagas = catalog.Characters
            .GroupBy(c => c.Saga ?? string.Empty, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)g.Select(c => c.Name).ToList())
            .ToList();
        _times = times;
        _random = seed is { } value ? new Random(value) : new Random();
        _idPrefix = _random.NextInt64(0x1_0000_0000).ToString("x8", CultureInfo.InvariantCulture);
    }

    public GeneratedEvent Next()
    {
        var index = _next++;
        var characters = PickCharacters(PickMentionCount());
        var templates = PostTemplates.ByMentions[characters.Count];
        var template = templates[_random.Next(templates.Count)];
        var text = string.Format(CultureInfo.InvariantCulture, template, characters.Select(Spell).ToArray<object>());
        return new GeneratedEvent(
            $"{_idPrefix}-{index + 1:D6}",
            _times.TimeOf(index, _random),
            Readers(),
            text,
            characters);
    }

    public IEnumerable<GeneratedEvent> Take(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    private int PickMentionCount()
    {
        var roll = _random.NextDouble();
        for (var count = 0; count < MentionOdds.Length - 1; count++)
        {
            roll -= MentionOdds[count];
            if (roll < 0)
            {
                return count;
            }
        }

        return MentionOdds.Length - 1;
    }

    private List<string> PickCharacters(int count)
    {
        var saga = _sagas[_random.Next(_sagas.Count)];
        var picked = new List<string>(count);
        for (var attempts = 0; picked.Count < count && attempts < 20; attempts++)
        {
            var from = _random.NextDouble() < CrossSagaOdds ? _sagas[_random.Next(_sagas.Count)] : saga;

            // Squaring a uniform number favours the first-listed characters, the main ones.
            var name = from[(int)(Math.Pow(_random.NextDouble(), 2) * from.Count)];
            if (!picked.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                picked.Add(name);
            }
        }

        return picked;
    }

    private string Spell(string name) => _random.NextDouble() < LowerCaseOdds ? name.ToLowerInvariant() : name;

    /// <summary>Log-uniform: most posts reach a few hundred readers, a few reach hundreds of thousands.</summary>
    private int Readers() => (int)Math.Round(Math.Exp(_random.NextDouble() * Math.Log(MaxReaders)));
}
