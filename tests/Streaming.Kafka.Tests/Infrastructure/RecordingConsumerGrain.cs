using Orleans.Streams;
using Orleans.Streams.Core;

namespace Orleans.Saga.Streaming.Kafka.Tests;

public interface IRecordingConsumerGrain : IGrainWithIntegerKey;

/// <summary>
/// Stands in for the partition grain: implicitly subscribed to the provider's namespace, it logs each delivered
/// batch and then reports the batch's end as durable, as a partition grain does after persisting its state.
/// </summary>
[ImplicitStreamSubscription(KafkaTestCluster.StreamNamespace)]
public sealed class RecordingConsumerGrain : Grain, IRecordingConsumerGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<KafkaRecord>
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<KafkaRecord>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<KafkaRecord>> items)
    {
        var records = items.Select(item => item.Item).ToList();
        var last = records[^1];
        await FaultInjection.BeforeDeliveryAsync(last.Topic, last.Partition);
        DeliveryLog.Record((int)this.GetPrimaryKeyLong(), records);
        TestCheckpointStore.Instance.Update(last.Topic, last.Partition, checkpoint => checkpoint with { DurableNextOffset = last.Offset + 1 });
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
