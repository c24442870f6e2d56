using System.Net.Sockets;
using Orleans.Saga.DevKafka.Native;
using Orleans.Saga.DevKafka.Relay;

namespace Orleans.Saga.DevKafka;

/// <summary>
/// The running dev broker: a mock cluster whose brokers advertise fixed endpoints, and one relay per broker
/// from that fixed endpoint to the broker's real, random port. Clients bootstrap on the fixed endpoints and
/// are sent back to them by metadata, so all their traffic goes through the relays.
/// Up/down/create-topic calls are serialized.
/// </summary>
internal sealed class DevBroker : IAsyncDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long bringing the brokers up again waits for a listen port held by a passing socket.</summary>
    private static readonly TimeSpan RebindPatience = TimeSpan.FromSeconds(15);

    private readonly MockCluster _cluster;
    private readonly IReadOnlyList<TcpRelay> _relays;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SortedDictionary<string, int> _knownTopics = new(StringComparer.Ordinal);
    private bool _isUp = true;

    private DevBroker(MockCluster cluster, IReadOnlyList<TcpRelay> relays)
    {
        _cluster = cluster;
        _relays = relays;
    }

    /// <summary>The fixed broker endpoints, comma-separated: a client's <c>bootstrap.servers</c>.</summary>
    public string Bootstrap => string.Join(',', _relays.Select(relay => relay.ListenEndpoint));

    public static DevBroker Start(DevBrokerOptions options)
    {
        var cluster = MockCluster.Create(options.Brokers);
        var relays = new List<TcpRelay>();
        try
        {
            for (var brokerId = 1; brokerId <= cluster.BrokerCount; brokerId++)
            {
                var endpoint = options.BrokerEndpoint(brokerId);
                var relay = new TcpRelay(endpoint, cluster.BrokerEndpoints[brokerId - 1]);
                relays.Add(relay);
                try
                {
                    relay.Start();
                }
                catch (SocketException exception)
                {
                    throw new InvalidOperationException($"Cannot listen on {endpoint} for broker {brokerId}: {exception.Message}", exception);
                }

                cluster.Advertise(brokerId, endpoint);
                Log.Info($"broker {brokerId}: {endpoint} -> mock {relay.UpstreamEndpoint}");
            }

            // Admin clients send controller-only requests to this id; 1 always exists.
            cluster.SetControllerId(1);

            var broker = new DevBroker(cluster, relays);
            foreach (var topic in options.Topics)
            {
                broker.CreateTopicCore(topic);
            }

            return broker;
        }
        catch
        {
            foreach (var relay in relays)
            {
                relay.StopAsync().GetAwaiter().GetResult();
            }

            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Refuses new connections and closes every open one; topics, records and offsets are kept.</summary>
    public async Task<bool> DownAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_isUp)
            {
                return false;
            }

            foreach (var relay in _relays)
            {
                await relay.StopAsync();
            }

            _cluster.SetBrokersDown();
            _isUp = false;
            Log.Info("brokers down");
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> UpAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_isUp)
            {
                return false;
            }

            _cluster.SetBrokersUp();
            foreach (var relay in _relays)
            {
                await StartAgainAsync(relay);
            }

            _isUp = true;
            Log.Info("brokers up");
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reopens a relay's listener. While the brokers were down, a client reconnecting to a listen port in the
    /// ephemeral range can be given that very port as its own and connect to itself (a TCP self-connect), which
    /// holds the port until the client sees its own request come back as an answer and drops the connection: moments.
    /// </summary>
    private static async Task StartAgainAsync(TcpRelay relay)
    {
        var retryUntil = Environment.TickCount64 + (long)RebindPatience.TotalMilliseconds;
        while (true)
        {
            try
            {
                relay.Start();
                return;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse && Environment.TickCount64 < retryUntil)
            {
                Log.Info($"{relay.ListenEndpoint} is held by another socket (a client connected to itself?); retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    public async Task CreateTopicAsync(TopicSpec topic)
    {
        await _gate.WaitAsync();
        try
        {
            CreateTopicCore(topic);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// While up, the topics come from a Metadata request through the relays, so topics that producers
    /// auto-created are listed too; while down, the topics last seen.
    /// </summary>
    public async Task<BrokerStatus> GetStatusAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_isUp)
            {
                foreach (var topic in _cluster.DescribeTopics(MetadataTimeout))
                {
                    _knownTopics[topic.Name] = topic.Partitions;
                }
            }

            return new BrokerStatus(
                State: _isUp ? "up" : "down",
                Bootstrap: Bootstrap,
                Brokers: [.. _relays.Select((relay, index) => new BrokerStatus.Broker(
                    Id: index + 1,
                    Endpoint: relay.ListenEndpoint.ToString(),
                    MockEndpoint: relay.UpstreamEndpoint.ToString(),
                    Connections: relay.ConnectionCount))],
                Topics: [.. _knownTopics.Select(topic => new TopicInfo(topic.Key, topic.Value))],
                Librdkafka: MockCluster.LibraryVersion);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();

        // The cluster first: it closes its own connections, so the relays only have closed pairs left.
        _cluster.Dispose();
        Log.Info("mock cluster destroyed");
        foreach (var relay in _relays)
        {
            await relay.StopAsync();
        }
    }

    private void CreateTopicCore(TopicSpec topic)
    {
        _cluster.CreateTopic(topic.Name, topic.Partitions);
        _knownTopics[topic.Name] = topic.Partitions;
        Log.Info($"topic {topic.Name}: {topic.Partitions} partition(s)");
    }
}
