using System.Text;

namespace Orleans.Saga.Streaming.Kafka.Tests;

public sealed class DeadLetterMessageTests
{
    [Fact]
    public void A_tombstone_like_record_keeps_a_null_key_and_its_empty_value()
    {
        var record = new KafkaRecord { Topic = "events", Partition = 0, Offset = 9, PrecedingPosition = 7, TimestampMs = 5, Key = null, Value = [] };

        var message = KafkaDeadLetterPublisher.ToMessage(record, "not-json", "");

        Assert.Null(message.Key);
        Assert.Empty(message.Value);
        Assert.Equal("9", Encoding.UTF8.GetString(message.Headers.GetLastBytes(DeadLetterHeaders.SourceOffset)));
        Assert.Equal(6, message.Headers.Count);
    }

    [Fact]
    public void Invalid_options_are_reported()
    {
        var result = new KafkaDeadLetterOptionsValidator().Validate(null, new KafkaDeadLetterOptions { Topic = "", ProducerSettings = { ["acks"] = "1" } });

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
    }
}
