using Orleans.Saga.Domain.Ranking;

namespace Orleans.Saga.Domain.Tests.Ranking;

public class WindowRankerTests
{
    private static KeyValuePair<string, long> C(string name, long count) => new(name, count);

    [Fact]
    public void Ranks_by_count_descending()
    {
        var ranked = WindowRanker.Rank([C("Yoda", 3), C("Rey", 10), C("Finn", 5)], topN: 5);

        Assert.Equal(
            [new RankedCharacter("Rey", 10, 1), new RankedCharacter("Finn", 5, 2), new RankedCharacter("Yoda", 3, 3)],
            ranked);
    }

    [Fact]
    public void Ties_break_by_ordinal_name()
    {
        // Ordinal: upper case before lower case, "Zed" before "adam", accented after ASCII.
        var ranked = WindowRanker.Rank([C("adam", 2), C("Éowyn", 2), C("Zed", 2), C("Bob", 2), C("Ann", 7)], topN: 5);

        Assert.Equal(["Ann", "Bob", "Zed", "adam", "Éowyn"], ranked.Select(r => r.Character));
        Assert.Equal([1, 2, 3, 4, 5], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Keeps_only_the_top_n()
    {
        var counts = Enumerable.Range(1, 20).Select(i => C($"c{i:D2}", i));
        var ranked = WindowRanker.Rank(counts, topN: 5);

        Assert.Equal(["c20", "c19", "c18", "c17", "c16"], ranked.Select(r => r.Character));
        Assert.Equal(5, ranked[^1].Rank);
    }

    [Fact]
    public void A_tie_at_the_cut_is_decided_by_name()
    {
        var ranked = WindowRanker.Rank([C("b", 1), C("c", 1), C("a", 1)], topN: 2);
        Assert.Equal(["a", "b"], ranked.Select(r => r.Character));
    }

    [Fact]
    public void Fewer_characters_give_fewer_rows_and_zero_or_negative_counts_are_skipped()
    {
        var ranked = WindowRanker.Rank([C("Rey", 0), C("Finn", 1), C("Yoda", -2)], topN: 5);

        Assert.Equal([new RankedCharacter("Finn", 1, 1)], ranked);
        Assert.Empty(WindowRanker.Rank([], topN: 5));
    }

    [Fact]
    public void Top_n_must_be_positive()
        => Assert.Throws<ArgumentOutOfRangeException>(() => WindowRanker.Rank([C("a", 1)], topN: 0));
}
