using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Domain.Tests.Characters;

public class CharacterCatalogTests
{
    private static CharacterCatalog Parse(string text) => CharacterCatalog.Parse(new StringReader(text));

    [Fact]
    public void Parses_names_with_and_without_sagas()
    {
        var catalog = Parse("Harry Potter\tHarry Potter\nYoda\tStar Wars\nNobody\n");

        Assert.Equal(
            [new Character("Harry Potter", "Harry Potter"), new Character("Yoda", "Star Wars"), new Character("Nobody", null)],
            catalog.Characters);
        Assert.Equal(["Harry Potter", "Yoda", "Nobody"], catalog.Names);
        Assert.Equal(["Harry Potter", "Star Wars"], catalog.Sagas);
    }

    [Fact]
    public void Trims_and_skips_blank_lines_and_comments()
    {
        var catalog = Parse("# header\n\n   \n  Gandalf  \t  The Lord of the Rings  \r\n\t\n  # indented comment\nFrodo\t\n");

        Assert.Equal([new Character("Gandalf", "The Lord of the Rings"), new Character("Frodo", null)], catalog.Characters);
    }

    [Fact]
    public void A_hash_inside_a_name_is_not_a_comment()
        => Assert.Equal(["C#"], Parse("C#\n").Names);

    [Fact]
    public void Duplicate_names_keep_the_first_line()
    {
        var catalog = Parse("Thor\tMarvel\n Thor \tNorse myths\nthor\tNorse myths\n");

        Assert.Equal([new Character("Thor", "Marvel"), new Character("thor", "Norse myths")], catalog.Characters);
        Assert.True(catalog.TryGetCharacter("Thor", out var thor));
        Assert.Equal("Marvel", thor.Saga);
        Assert.False(catalog.TryGetCharacter("THOR", out _));
    }

    [Fact]
    public void Sagas_are_distinct_and_ordinal_sorted()
        => Assert.Equal(["B", "a", "b"], Parse("x\tb\ny\tB\nz\ta\nw\tb\n").Sagas);

    [Theory]
    [InlineData("Yoda\n\tStar Wars\n", 2)]
    [InlineData("# one\n\nYoda\tStar\tWars\n", 3)]
    [InlineData("Yo\u0001da\n", 1)]
    [InlineData("Yoda\tStar\u0007Wars\n", 1)]
    public void Invalid_lines_are_reported_with_their_number(string text, int line)
    {
        var exception = Assert.Throws<FormatException>(() => Parse(text));
        Assert.Contains($"line {line}:", exception.Message);
    }

    [Fact]
    public void Load_names_the_file_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"characters-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "ok\n\tbad\n");
        try
        {
            var exception = Assert.Throws<FormatException>(() => CharacterCatalog.Load(path));
            Assert.Contains(path, exception.Message);
            Assert.Contains("line 2", exception.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_accepts_a_utf8_bom()
    {
        var path = Path.Combine(Path.GetTempPath(), $"characters-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "Éowyn\tThe Lord of the Rings\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            Assert.Equal(["Éowyn"], CharacterCatalog.Load(path).Names);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_shipped_file_is_next_to_the_binaries_and_well_formed()
    {
        var catalog = CharacterCatalog.Load(CharacterCatalog.DefaultPath);

        Assert.InRange(catalog.Characters.Count, 100, 1000);
        Assert.All(catalog.Characters, c => Assert.NotNull(c.Saga));
        Assert.Contains("Star Wars", catalog.Sagas);
        Assert.Contains("Harry Potter", catalog.Sagas);

        var matcher = new CharacterMatcher(catalog.Names);
        Assert.Equal(
            ["Lord Voldemort", "Voldemort", "Yoda"],
            matcher.FindMentions("Yoda would never fear LORD VOLDEMORT."));
    }
}
