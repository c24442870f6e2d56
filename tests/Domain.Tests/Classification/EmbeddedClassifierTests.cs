using Orleans.Saga.Domain.Characters;
using Orleans.Saga.Domain.Classification;

namespace Orleans.Saga.Domain.Tests.Classification;

public class EmbeddedClassifierTests
{
    private static readonly CharacterCatalog Catalog = CharacterCatalog.Parse(new StringReader("""
        Harry Potter	Harry Potter
        Hermione Granger	Harry Potter
        Yoda	Star Wars
        Rey	Star Wars
        Gandalf	The Lord of the Rings
        Nobody
        """));

    private readonly EmbeddedClassifier _classifier = new(Catalog);

    [Fact]
    public async Task The_saga_with_most_mentioned_characters_wins()
    {
        var result = await _classifier.ClassifyAsync("…", ["Yoda", "Harry Potter", "Hermione Granger"], CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal("Harry Potter", result.Label);
        Assert.Null(result.Rejection);
    }

    [Theory]
    [InlineData("Star Wars", "Yoda", "Gandalf")]
    [InlineData("Harry Potter", "Gandalf", "Harry Potter", "Yoda")]
    [InlineData("Harry Potter", "Rey", "Hermione Granger")]
    public void Ties_go_to_the_ordinal_first_saga(string expected, params string[] mentioned)
        => Assert.Equal(expected, _classifier.Classify(mentioned));

    [Theory]
    [InlineData]
    [InlineData("Nobody")]
    [InlineData("Someone not in the catalog")]
    public void No_votes_give_unknown(params string[] mentioned)
        => Assert.Equal(EmbeddedClassifier.UnknownLabel, _classifier.Classify(mentioned));

    [Fact]
    public void Characters_without_a_saga_do_not_vote()
        => Assert.Equal("The Lord of the Rings", _classifier.Classify(["Nobody", "Gandalf", "Nobody"]));

    [Fact]
    public void Completes_synchronously()
        => Assert.True(_classifier.ClassifyAsync("", ["Yoda"], CancellationToken.None).IsCompletedSuccessfully);

    [Fact]
    public void Any_number_of_mentions_is_classified_as_by_counting_votes()
    {
        // Up to 16 mentions are counted on the stack, more with a dictionary: both must follow the one rule.
        string[] names = ["Harry Potter", "Hermione Granger", "Yoda", "Rey", "Gandalf", "Nobody", "Someone not in the catalog"];
        var random = new Random(7);
        for (var trial = 0; trial < 2_000; trial++)
        {
            var mentioned = Enumerable.Range(0, random.Next(0, 40)).Select(_ => names[random.Next(names.Length)]).ToArray();

            Assert.Equal(CountVotes(mentioned), _classifier.Classify(mentioned));
        }
    }

    [Fact]
    public void A_few_mentions_are_classified_without_allocating()
    {
        string[] mentioned = ["Yoda", "Harry Potter", "Rey", "Nobody"];
        _classifier.Classify(mentioned);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var label = _classifier.Classify(mentioned);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("Star Wars", label);
        Assert.Equal(0, allocated);
    }

    /// <summary>The rule, spelled out: most votes, ties to the ordinal-first saga, no votes unknown.</summary>
    private static string CountVotes(IEnumerable<string> mentioned) =>
        mentioned
            .Select(name => Catalog.TryGetCharacter(name, out var character) ? character.Saga : null)
            .OfType<string>()
            .GroupBy(saga => saga)
            .OrderByDescending(votes => votes.Count())
            .ThenBy(votes => votes.Key, StringComparer.Ordinal)
            .Select(votes => votes.Key)
            .FirstOrDefault() ?? EmbeddedClassifier.UnknownLabel;
}
