using Orleans.Saga.Partitions;
using Orleans.Saga.Streaming.Kafka;

namespace Orleans.Saga.Kafka;

/// <summary>
/// Tells the Kafka receivers what each partition grain has made durable and whether it asked for a replay.
/// Partition grains are keyed by partition number alone: the silo reads one topic.
/// </summary>
public sealed class PartitionGrainCheckpointStore(IGrainFactory grains) : IKafkaCheckpointStore
{
    public async Task<KafkaPartitionCheckpoint> GetCheckpointAsync(string topic, int partition, KafkaReadProgress? progress, CancellationToken cancellationToken)
    {
        var read = progress is { } p ? new ReceiverProgress(p.HandedOverThrough, p.EndOfLog) : (ReceiverProgress?)null;
        var checkpoint = await grains.GetGrain<IPartitionGrain>(partition).ExchangeWithReceiver(read).WaitAsync(cancellationToken);
        return new KafkaPartitionCheckpoint(checkpoint.DurableNextOffset, checkpoint.RewindTo, checkpoint.RewindEpoch);
    }
}
