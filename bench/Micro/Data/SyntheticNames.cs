namespace Orleans.Saga.Bench.Micro.Data;

/// <summary>
/// Distinct, deterministic character names ("Kaelor Dunmire") in any number, for matching at scales the shipped
/// characters file does not reach. Two words from syllables, so names share prefixes as real ones do.
/// </summary>
public static class SyntheticNames
{
    private static readonly string[] Starts = ["Ka", "Dor", "Mi", "Thal", "Ser", "Bra", "El", "Go", "Ri", "Val", "An", "Fen", "Lu", "Mor", "Ys", "Tor"];
    private static readonly string[] Middles = ["", "el", "an", "or", "is", "um", "ad", "ev"];
    private static readonly string[] Ends = ["a", "on", "ric", "wyn", "os", "eth", "ar", "in", "ius", "ra"];

    public static IReadOnlyList<string> Create(int count)
    {
        var names = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var random = new Random(17);
        while (names.Count < count)
        {
            var name = random.Next(3) == 0 ? Word(random) : $"{Word(random)} {Word(random)}";
            if (seen.Add(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static string Word(Random random) =>
        Starts[random.Next(Starts.Length)] + Middles[random.Next(Middles.Length)] + Ends[random.Next(Ends.Length)];
}
