using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>Builds the Kafka stream provider's adapter, queue mapper, cache and receivers.</summary>
public sealed class KafkaQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly KafkaStreamOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly IQueueAdapterCache _cache;
    private readonly SharedTopicConsumer _consumer;
    private KafkaPartitionQueueMapper? _mapper;
    private KafkaQueueAdapter? _adapter;

    public KafkaQueueAdapterFactory(string name, KafkaStreamOptions options, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        _name = name;
        _options = options;
        _services = services;
        _loggerFactory = loggerFactory;
        _timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;

        // Orleans' simple cache purges a batch only after every cursor has moved past it and reports pressure once
        // it is full, which stops the pulling agent from reading: slow consumers cause back-pressure, not loss.
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggerFactory);
        _consumer = new SharedTopicConsumer(() => new TopicConsumer(
            options, services.GetRequiredService<KafkaStreamMetrics>(), loggerFactory.CreateLogger<TopicConsumer>(), _timeProvider));
    }

    public static KafkaQueueAdapterFactory Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<KafkaQueueAdapterFactory>(
            services, name, services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name));

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        if (_adapter is null)
        {
            var partitionCount = _options.PartitionCount
                ?? await TopicPartitionCounter.CountAsync(_options, _loggerFactory.CreateLogger<KafkaQueueAdapterFactory>(), _timeProvider, cancellationToken);
            _mapper = new KafkaPartitionQueueMapper(_name, _options.StreamNamespace, partitionCount);
            _services.GetRequiredKeyedService<KafkaTopicPartitions>(_name).Set(partitionCount);
            _adapter = new KafkaQueueAdapter(_name, CreateReceiver);
        }

        return _adapter;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => Mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(ActivatorUtilities.CreateInstance<KafkaStreamFailureHandler>(_services));

    private KafkaPartitionQueueMapper Mapper =>
        _mapper ?? throw new InvalidOperationException($"Stream provider '{_name}': {nameof(CreateAdapter)} must run before its queues are known.");

    private IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var partition = Mapper.GetPartition(queueId);
        return new KafkaQueueAdapterReceiver(
            _options,
            partition,
            Mapper.GetStreamId(partition),
            _consumer,
            _services.GetKeyedService<IKafkaCheckpointStore>(_name) ?? _services.GetService<IKafkaCheckpointStore>(),
            _services.GetRequiredService<KafkaStreamStatus>(),
            _services.GetRequiredService<KafkaStreamMetrics>(),
            _loggerFactory,
            _timeProvider);
    }
}
