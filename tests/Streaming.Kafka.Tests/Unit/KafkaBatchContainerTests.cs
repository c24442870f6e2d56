using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka.Tests;

public sealed class KafkaBatchContainerTests
{
    [Fact]
    public void Tokens_order_by_rewind_epoch_then_offset()
    {
        var tokens = new[] { new KafkaSequenceToken(1, 4), new KafkaSequenceToken(0, 10), new KafkaSequenceToken(1, 2), new KafkaSequenceToken(0, 3) };

        Assert.Equal(
            [(0L, 3L), (0L, 10L), (1L, 2L), (1L, 4L)],
            tokens.Order().Select(token => (token.RewindEpoch, token.Offset)));
        Assert.Equal(new KafkaSequenceToken(2, 7), new KafkaSequenceToken(2, 7));
        Assert.NotEqual(new KafkaSequenceToken(2, 7), new KafkaSequenceToken(3, 7));
    }

    [Fact]
    public void A_batch_yields_its_records_in_order_with_their_offsets_as_tokens()
    {
        var stream = StreamId.Create("saga-events", 2);
        var batch = new KafkaBatchContainer(stream, rewindEpoch: 5, [Record(10, 10), Record(12, 11), Record(13, 13)]);

        Assert.Equal(stream, batch.StreamId);
        Assert.Equal(new KafkaSequenceToken(5, 10), batch.SequenceToken);
        Assert.Equal(
            [(10L, 10L), (12L, 11L), (13L, 13L)],
            batch.GetEvents<KafkaRecord>().Select(e => (((KafkaSequenceToken)e.Item2).Offset, e.Item1.PrecedingPosition)));
        Assert.Empty(batch.GetEvents<string>());
    }

    private static KafkaRecord Record(long offset, long preceding) => new()
    {
        Topic = "events",
        Partition = 2,
        Offset = offset,
        PrecedingPosition = preceding,
        Value = [],
    };
}
