namespace Orleans.Saga.DevKafka.Tests;

public sealed class TopicSpecTests
{
    [Fact]
    public void A_list_parses_into_names_and_partition_counts()
    {
        Assert.Equal(
            [new TopicSpec("events", 4), new TopicSpec("events-dlq", 1), new TopicSpec("a.b_c", 12)],
            TopicSpec.ParseList("events:4, events-dlq:1,,a.b_c:12"));
    }

    [Fact]
    public void An_empty_list_means_no_topics() => Assert.Empty(TopicSpec.ParseList(""));

    [Theory]
    [InlineData("events")]
    [InlineData("events:")]
    [InlineData("events:0")]
    [InlineData("events:-1")]
    [InlineData("events:1001")]
    [InlineData("events:four")]
    [InlineData(":4")]
    [InlineData("bad/name:4")]
    [InlineData("..:4")]
    public void Malformed_specs_are_rejected(string text) => Assert.Throws<FormatException>(() => TopicSpec.Parse(text));
}
