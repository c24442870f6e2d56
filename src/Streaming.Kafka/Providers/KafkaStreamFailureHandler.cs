using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// Reports abandoned deliveries loudly. The provider configures the pulling agent to retry a delivery for ever
/// (<c>MaxEventDeliveryTime</c> infinite), so the agent gives up only when it shuts down or its consumer is gone;
/// a batch is never skipped to make progress. Subscriptions are never faulted: the consumer is the implicit
/// partition grain, which must keep receiving.
/// </summary>
internal sealed partial class KafkaStreamFailureHandler(ILogger<KafkaStreamFailureHandler> logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogDeliveryAbandoned(streamProviderName, streamIdentity, sequenceToken, subscriptionId);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(streamProviderName, streamIdentity, sequenceToken, subscriptionId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider} abandoned delivering {Token} on {Stream} to subscription {Subscription}; the consumer must detect the gap from PrecedingPosition and rewind.")]
    private partial void LogDeliveryAbandoned(string provider, StreamId stream, StreamSequenceToken? token, GuidId subscription);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider} failed to set up subscription {Subscription} on {Stream} at {Token}.")]
    private partial void LogSubscriptionFailed(string provider, StreamId stream, StreamSequenceToken? token, GuidId subscription);
}
