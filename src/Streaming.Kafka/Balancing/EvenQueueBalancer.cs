using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Saga.Streaming.Kafka;

/// <summary>
/// Spreads a provider's queues evenly over the active silos: with the queues in order and the active silos ordered
/// by address, queue <c>i</c> belongs to silo <c>i mod n</c>. Recomputed from cluster membership whenever it
/// changes, so queues move as soon as a silo joins, leaves or is declared dead; needs no storage.
/// </summary>
/// <remarks>
/// Orleans' own balancers fit less well: the consistent-ring balancer places few queues unevenly (all four of a
/// four-partition topic land on one of two silos one time in eight), the deployment-based one needs the full list
/// of silo names up front plus a maturity delay, and the lease-based one needs a lease store. While silos'
/// membership views differ, a queue may briefly be read by two silos; the consumer deduplicates by offset.
/// </remarks>
public sealed partial class EvenQueueBalancer : QueueBalancerBase
{
    private readonly IClusterMembershipService _membership;
    private readonly Lock _lock = new();
    private QueueId[] _queues = [];
    private HashSet<QueueId> _mine = [];

    public EvenQueueBalancer(IClusterMembershipService membership, IServiceProvider services, ILogger<EvenQueueBalancer> logger)
        : base(services, logger)
    {
        _membership = membership;
    }

    public static IStreamQueueBalancer Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<EvenQueueBalancer>(services);

    /// <summary>The queues <paramref name="silo"/> owns when <paramref name="activeSilos"/> are the active silos.</summary>
    public static IReadOnlyList<QueueId> Distribute(IEnumerable<QueueId> queues, IEnumerable<SiloAddress> activeSilos, SiloAddress silo)
    {
        var silos = activeSilos.Distinct().OrderBy(address => address).ToList();
        var index = silos.IndexOf(silo);
        return index < 0 ? [] : [.. queues.Order().Where((_, i) => i % silos.Count == index)];
    }

    public override Task Initialize(IStreamQueueMapper queueMapper)
    {
        _queues = [.. queueMapper.GetAllQueues()];
        return base.Initialize(queueMapper);
    }

    public override IEnumerable<QueueId> GetMyQueues()
    {
        var mine = Distribute(_queues, ActiveSilos(_membership.CurrentSnapshot), SiloAddress);
        lock (_lock)
        {
            _mine = [.. mine];
        }

        return mine;
    }

    protected override void OnClusterMembershipChange(HashSet<SiloAddress> activeSilos)
    {
        var mine = Distribute(_queues, activeSilos, SiloAddress);
        lock (_lock)
        {
            if (_mine.SetEquals(mine))
            {
                return;
            }
        }

        LogQueuesChanged(Logger, activeSilos.Count, string.Join(", ", mine.Select(queue => queue.GetNumericId())));
        _ = NotifyListeners();
    }

    private static IEnumerable<SiloAddress> ActiveSilos(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster now has {Count} active silos; this silo's stream queues become [{Queues}].")]
    private static partial void LogQueuesChanged(ILogger logger, int count, string queues);
}
