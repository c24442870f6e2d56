using System.Text;

namespace Orleans.Saga.Bench.EndToEnd.Workload;

/// <summary>
/// Distinct texts shaped like the stream's: up to three mentions (popular characters more often, in any case)
/// among ordinary words, about 100 characters long. Events draw from the pool with a skew, so popular texts
/// repeat as reposts do, which is what the HTTP classifier's cache and request sharing are for.
/// </summary>
public sealed class TextPool
{
    private static readonly string[] Words =
        ["the", "watch", "live", "again", "tonight", "scene", "clip", "wow", "ça", "2024", "#trending", "who", "is", "back", "with", "best", "ever", "😀", "thread", "new"];

    private static readonly string[] Separators = [" ", ", ", "! ", " - ", " (", ") ", "'s ", ": "];

    private TextPool(IReadOnlyList<LabelledText> texts) => Texts = texts;

    public IReadOnlyList<LabelledText> Texts { get; }

    public static TextPool Create(TextLabeler labeler, int count, int seed)
    {
        var random = new Random(seed);
        var names = labeler.Catalog.Names.OrderBy(_ => random.Next()).ToArray();
        var texts = new List<LabelledText>(count);
        var parts = new List<string>();
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            parts.Clear();
            var mentions = random.Next(20) switch { < 4 => 0, < 13 => 1, < 18 => 2, _ => 3 };
            for (var m = 0; m < mentions; m++)
            {
                // Squaring skews towards the front of the (shuffled) list: a few characters are the stars.
                var name = names[(int)(Math.Pow(random.NextDouble(), 2) * names.Length)];
                parts.Add(random.Next(5) switch { 0 => name.ToUpperInvariant(), 1 => name.ToLowerInvariant(), _ => name });
            }

            for (var w = random.Next(6, 14); w > 0; w--)
            {
                parts.Add(Words[random.Next(Words.Length)]);
            }

            text.Clear();
            foreach (var part in parts.OrderBy(_ => random.Next()))
            {
                text.Append(part).Append(Separators[random.Next(Separators.Length)]);
            }

            // A tag that makes every text of the pool distinct.
            text.Append('#').Append(i.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            texts.Add(labeler.Label(text.ToString()));
        }

        return new TextPool(texts);
    }

    /// <summary>A skewed pick: low indices (the popular texts) come up far more often.</summary>
    public LabelledText Pick(Random random) => Texts[(int)(Math.Pow(random.NextDouble(), 3) * Texts.Count)];
}
