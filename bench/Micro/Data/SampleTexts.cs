using System.Text;
using System.Text.Json;

namespace Orleans.Saga.Bench.Micro.Data;

/// <summary>Texts and event payloads shaped like the stream's: a few mentions among ordinary words.</summary>
public static class SampleTexts
{
    /// <summary>The size of a long text: the 64 KB case of the issue.</summary>
    public const int LongLength = 64 * 1024;

    private static readonly string[] Words =
        ["the", "watch", "live", "again", "tonight", "scene", "clip", "wow", "ça", "2024", "#trending", "who", "is", "back", "with"];

    /// <summary>About 100 characters mentioning two of <paramref name="names"/>.</summary>
    public static string Short(IReadOnlyList<string> names) =>
        $"Tonight {names[names.Count / 3]} is back, and wow: {names[names.Count - 1]} steals the scene again #trending";

    /// <summary><see cref="LongLength"/> characters of words with a mention of one of <paramref name="names"/> every ~200 characters.</summary>
    public static string Long(IReadOnlyList<string> names)
    {
        var random = new Random(5);
        var text = new StringBuilder(LongLength + 64);
        while (text.Length < LongLength)
        {
            text.Append(random.Next(30) == 0 ? names[random.Next(names.Count)] : Words[random.Next(Words.Length)]).Append(' ');
        }

        return text.ToString(0, LongLength);
    }

    /// <summary>A record value as producers write it.</summary>
    public static byte[] Event(string text) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id = "evt-000001234",
        time = 1_795_470_000L,
        readers = 120,
        text,
    });
}
