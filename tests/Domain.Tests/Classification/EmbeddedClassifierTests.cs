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
}
