using Orleans.Runtime;

namespace Orleans.Saga.Streaming.Kafka.Tests;

public sealed class KafkaPartitionQueueMapperTests
{
    private readonly KafkaPartitionQueueMapper _mapper = new("kafka", "saga-events", partitionCount: 4);

    [Fact]
    public void Each_partition_has_its_own_queue_and_stream_keyed_by_the_partition_number()
    {
        Assert.Equal([0u, 1u, 2u, 3u], _mapper.GetAllQueues().Select(queue => queue.GetNumericId()));
        for (var partition = 0; partition < 4; partition++)
        {
            var stream = _mapper.GetStreamId(partition);
            Assert.Equal(StreamId.Create("saga-events", partition), stream);
            Assert.Equal(_mapper.GetQueue(partition), _mapper.GetQueueForStream(stream));
            Assert.Equal(partition, _mapper.GetPartition(_mapper.GetQueueForStream(stream)));
        }
    }

    [Theory]
    [InlineData("other", "1")]
    [InlineData("saga-events", "4")]
    [InlineData("saga-events", "-1")]
    [InlineData("saga-events", "one")]
    public void Streams_outside_the_topic_are_rejected(string streamNamespace, string key) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _mapper.GetQueueForStream(StreamId.Create(streamNamespace, key)));

    [Fact]
    public void Queues_of_another_provider_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _mapper.GetPartition(new KafkaPartitionQueueMapper("other", "saga-events", 4).GetQueue(1)));
}
