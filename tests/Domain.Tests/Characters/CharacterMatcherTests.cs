using System.Text;
using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Domain.Tests.Characters;

public class CharacterMatcherTests
{
    private static IReadOnlyList<string> Mentions(string text, params string[] names) => new CharacterMatcher(names).FindMentions(text);

    [Theory]
    [InlineData("Yoda")]
    [InlineData("Yoda said")]
    [InlineData("said Yoda")]
    [InlineData("(Yoda)")]
    [InlineData("Yoda's hut")]
    [InlineData("\"Yoda\"")]
    [InlineData("hi,Yoda.")]
    [InlineData("#Yoda!")]
    [InlineData("@yoda_")]
    [InlineData("-Yoda-")]
    [InlineData("\tYoda\n")]
    [InlineData("😀Yoda😀")]
    [InlineData("Yoda\u0000")]
    public void A_name_between_non_letters_is_mentioned(string text)
        => Assert.Equal(["Yoda"], Mentions(text, "Yoda"));

    [Theory]
    [InlineData("Yodas")]
    [InlineData("aYoda")]
    [InlineData("Yoda2")]
    [InlineData("2Yoda")]
    [InlineData("Yodaé")]
    [InlineData("éYoda")]
    [InlineData("ÑYoda")]
    [InlineData("Yodaж")]
    [InlineData("Yoda中")]
    [InlineData("Yoda٣")] // Arabic-Indic digit three
    [InlineData("\U0001D400Yoda")] // MATHEMATICAL BOLD CAPITAL A, a letter outside the BMP
    [InlineData("Yoda\U0001D400")]
    [InlineData("Yoda\U0001D7CE")] // MATHEMATICAL BOLD DIGIT ZERO
    [InlineData("\U00010400Yoda")] // DESERET CAPITAL LONG I
    [InlineData("Yod")]
    [InlineData("")]
    public void A_name_touching_a_letter_or_digit_is_not_mentioned(string text)
        => Assert.Empty(Mentions(text, "Yoda"));

    [Fact]
    public void A_later_standalone_occurrence_counts_after_an_embedded_one()
        => Assert.Equal(["Yoda"], Mentions("Yodas are small; Yoda is wise", "Yoda"));

    [Theory]
    [InlineData("HARRY POTTER")]
    [InlineData("harry potter")]
    [InlineData("hArRy PoTtEr")]
    public void Matching_ignores_case(string text)
        => Assert.Equal(["Harry Potter"], Mentions(text, "Harry Potter"));

    [Fact]
    public void Matching_ignores_case_of_accented_and_non_latin_letters()
    {
        Assert.Equal(["Éowyn", "Sméagol", "Жуков"], Mentions("ÉOWYN, sméagol and ЖУКОВ", "Éowyn", "Sméagol", "Жуков"));
    }

    [Fact]
    public void Overlapping_names_are_all_mentioned()
    {
        string[] names = ["Harry Potter", "Harry", "Potter", "Lord Voldemort", "Voldemort", "Lord"];
        var matcher = new CharacterMatcher(names);

        Assert.Equal(["Harry Potter", "Harry", "Potter"], matcher.FindMentions("Harry Potter"));
        Assert.Equal(["Lord Voldemort", "Voldemort", "Lord"], matcher.FindMentions("the Dark Lord Voldemort"));
        Assert.Equal(["Voldemort"], matcher.FindMentions("Voldemort's Lordship"));
    }

    [Fact]
    public void Names_that_are_prefixes_or_suffixes_of_words_do_not_leak()
    {
        string[] names = ["Ann", "Anna", "Hannah", "Thor", "Thorin Oakenshield"];
        var matcher = new CharacterMatcher(names);

        Assert.Equal(["Hannah"], matcher.FindMentions("Hannah"));
        Assert.Equal(["Anna"], matcher.FindMentions("Anna"));
        Assert.Equal(["Thorin Oakenshield"], matcher.FindMentions("Thorin Oakenshield"));
        Assert.Equal(["Ann", "Thor"], matcher.FindMentions("Ann and Thor, not Thorin"));
    }

    [Fact]
    public void Names_inside_a_failed_longer_match_are_found()
    {
        // "a b c x" walks a b c of "a b c d", fails at x, and must still report "b c" and "c".
        var matcher = new CharacterMatcher(["a b c d", "b c", "c", "b c x y"]);
        Assert.Equal(["b c", "c"], matcher.FindMentions("a b c x"));
        Assert.Equal(["a b c d", "b c", "c"], matcher.FindMentions("a b c d"));
    }

    [Theory]
    [InlineData("C++")]
    [InlineData("Dr. (Who)?")]
    [InlineData("a.*b")]
    [InlineData("[x]{2}|y$")]
    [InlineData("'; DROP TABLE x;--")]
    [InlineData("50% off_")]
    [InlineData("R2-D2")]
    [InlineData("\\d+")]
    public void Names_with_metacharacters_are_plain_text(string name)
    {
        var matcher = new CharacterMatcher([name]);

        Assert.Equal([name], matcher.FindMentions($"see {name} here"));
        Assert.Equal([name], matcher.FindMentions(name));
        Assert.Empty(matcher.FindMentions("see something else here"));
    }

    [Fact]
    public void A_regex_looking_name_does_not_match_what_the_regex_would()
    {
        var matcher = new CharacterMatcher(["a.*b"]);
        Assert.Empty(matcher.FindMentions("axxxb"));
    }

    [Fact]
    public void Repeated_mentions_count_once_and_ids_come_sorted()
    {
        string[] names = ["Yoda", "Rey", "Finn", "Luke Skywalker"];
        var matcher = new CharacterMatcher(names);
        var ids = new List<int> { 42, 7 }; // stale contents are replaced

        matcher.FindMentions("Finn, Rey, Yoda, rey, FINN, Yoda and yoda again; Finn.", ids);

        Assert.Equal([0, 1, 2], ids);
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_distinct_characters()
        => Assert.Equal(["Yoda", "YODA"], Mentions("yoda", "Yoda", "YODA"));

    [Fact]
    public void Ids_are_indices_into_the_names()
    {
        var matcher = new CharacterMatcher(["Rey", "Finn"]);
        Assert.Equal(2, matcher.Count);
        Assert.Equal("Finn", matcher.NameOf(1));
    }

    [Fact]
    public void Names_may_contain_surrogate_pairs()
        => Assert.Equal(["Captain 🚀"], Mentions("go Captain 🚀!", "Captain 🚀"));

    [Fact]
    public void Empty_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new CharacterMatcher(["Rey", ""]));
    }

    [Fact]
    public void No_names_find_nothing()
        => Assert.Empty(new CharacterMatcher([]).FindMentions("anything"));

    [Fact]
    public void Agrees_with_the_naive_rule_on_random_small_alphabets()
    {
        // Dense overlaps over a tiny alphabet shake out suffix-link and boundary mistakes.
        var random = new Random(1234);
        const string Alphabet = "abAB -é1";
        for (var trial = 0; trial < 300; trial++)
        {
            var names = Enumerable.Range(0, random.Next(1, 12))
                .Select(_ => RandomString(random, Alphabet, random.Next(1, 5)))
                .ToList();
            var text = RandomString(random, Alphabet, random.Next(0, 60));

            var ids = new List<int>();
            new CharacterMatcher(names).FindMentions(text, ids);

            Assert.True(
                NaiveMentionFinder.Find(names, text).SequenceEqual(ids),
                $"names [{string.Join("|", names)}] text '{text}'");
        }
    }

    [Fact]
    public void Agrees_with_the_naive_rule_for_ten_thousand_names_over_a_megabyte_of_text()
    {
        var random = new Random(20240601);
        var words = Enumerable.Range(0, 3000).Select(_ => RandomWord(random)).Distinct().ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < 10_000)
        {
            var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => words[random.Next(words.Count)]);
            names.Add(string.Join(random.Next(4) == 0 ? "-" : " ", parts));
        }

        var nameList = names.ToList();
        var text = RandomText(random, words, 1 << 20);

        var ids = new List<int>();
        new CharacterMatcher(nameList).FindMentions(text, ids);
        var expected = NaiveMentionFinder.Find(nameList, text);

        Assert.Equal(expected, ids);
        Assert.InRange(ids.Count, 1000, 9999); // the test means something only if some names hit and some miss
    }

    private static string RandomString(Random random, string alphabet, int length)
        => new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);

    private static string RandomWord(Random random)
    {
        const string Letters = "abcdefghijklmnopqrstuvwxyzéñø";
        var word = RandomString(random, Letters, random.Next(2, 7));
        return char.ToUpperInvariant(word[0]) + word[1..];
    }

    private static string RandomText(Random random, List<string> words, int length)
    {
        // Separators include letters, digits and supplementary-plane letters so boundaries are exercised.
        string[] separators = [" ", " ", " ", ", ", ". ", "-", "'", "\n", "😀", "x", "7", "é", "\U0001D400", ""];
        var text = new StringBuilder(length + 64);
        while (text.Length < length)
        {
            var word = words[random.Next(words.Count)];
            text.Append(random.Next(3) switch
            {
                0 => word.ToUpperInvariant(),
                1 => word.ToLowerInvariant(),
                _ => word,
            });
            text.Append(separators[random.Next(separators.Length)]);
        }

        return text.ToString(0, length);
    }
}
