using Orleans.Runtime;
using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Kafka;
using Orleans.Saga.Client.Settings;
using Orleans.Saga.Health;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Queries;

/// <summary>
/// Gathers the cluster's status: membership from the management grain, the stream from the window index, each
/// registered partition from its grain, high watermarks from Kafka, and the health grain's checks. A broker that
/// does not answer leaves the Kafka columns empty instead of failing the whole status.
/// </summary>
public sealed class StatusQuery(IGrainFactory grains, ClusterSettings cluster, KafkaTopicInspector kafka, KafkaSettings kafkaSettings)
{
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(10);

    public async Task<ClusterStatus> GetAsync(CancellationToken cancellationToken)
    {
        var offsetsTask = GetOffsetsAsync(cancellationToken);
        var hostsTask = grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var healthTask = CheckHealthAsync();
        var stream = await grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key).GetStreamStatus();

        // Only partitions that registered with the index: asking another partition grain would activate it.
        var partitionStatuses = await Task.WhenAll(stream.Partitions.Select(p => grains.GetGrain<IPartitionGrain>(p.Partition).GetStatus()));
        var hosts = await hostsTask;
        var (offsets, kafkaError) = await offsetsTask;
        var (health, healthUnknown) = await healthTask;

        var siloAddresses = hosts.ToDictionary(h => h.SiloAddress.ToString(), h => h.SiloAddress.Endpoint.ToString());
        var byPartition = partitionStatuses.ToDictionary(s => s.Partition);
        var idle = stream.Partitions.ToDictionary(p => p.Partition, p => p.IsIdle);
        var kafkaPartitions = offsets?.Partitions.ToDictionary(p => p.Partition) ?? [];
        var partitions = byPartition.Keys.Union(kafkaPartitions.Keys).Order()
            .Select(partition =>
            {
                var status = byPartition.GetValueOrDefault(partition);
                var kafkaOffsets = kafkaPartitions.GetValueOrDefault(partition);
                var committed = status?.DurableNextOffset;
                long? lag = kafkaOffsets is null ? null : Math.Max(0, kafkaOffsets.High - (committed ?? kafkaOffsets.Low));
                return new PartitionSummary(
                    partition,
                    status is null ? null : siloAddresses.GetValueOrDefault(status.Silo, status.Silo),
                    committed,
                    kafkaOffsets?.High,
                    lag,
                    UnixTime.ToTimeOrNull(status?.Watermark),
                    status?.LastDeliveryUtc,
                    idle.TryGetValue(partition, out var isIdle) ? isIdle : null,
                    status is null ? null : CounterTotals.From(status.Counters));
            })
            .ToList();

        return new ClusterStatus(
            cluster.ClusterId,
            cluster.ServiceId,
            hosts.OrderBy(h => h.SiloAddress.Endpoint.ToString(), StringComparer.Ordinal)
                .Select(h => new SiloSummary(h.SiloName, h.SiloAddress.Endpoint.ToString(), h.Status.ToString(), new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc))))
                .ToList(),
            UnixTime.ToTimeOrNull(stream.StreamWatermark),
            stream.OpenWindows,
            stream.FinalWindows,
            new KafkaSummary(kafkaSettings.BootstrapServers, kafkaSettings.Topic, kafkaError is null, offsets?.Exists ?? false, kafkaError),
            partitions,
            CounterTotals.Sum(partitionStatuses.Select(s => s.Counters)),
            health,
            healthUnknown);
    }

    private async Task<(TopicOffsets? Offsets, string? Error)> GetOffsetsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await kafka.GetOffsetsAsync(cancellationToken), null);
        }
        catch (BrokerUnreachableException exception)
        {
            return (null, exception.Message);
        }
    }

    private async Task<(HealthReport? Report, string? Unknown)> CheckHealthAsync()
    {
        try
        {
            return (await grains.GetGrain<IHealthGrain>(IHealthGrain.Key).Check().WaitAsync(HealthTimeout), null);
        }
        catch (TimeoutException)
        {
            return (null, $"no answer within {HealthTimeout.TotalSeconds:0} s");
        }
        catch (Exception exception)
        {
            // Whatever the reason (no health grain deployed, a failing check), the rest of the status still counts.
            return (null, CliText.FirstLine(exception.Message));
        }
    }
}
