using System.Net;
using System.Text;

namespace Orleans.Saga.DevKafka.Native;

/// <summary>
/// A librdkafka mock cluster (rdkafka_mock.h), hosted by a producer handle created with
/// <c>test.mock.num.brokers</c>. Broker ids are 1..N; each broker listens on a random loopback port
/// (<see cref="BrokerEndpoints"/>) and advertises whatever <see cref="Advertise"/> last set.
/// Disposing destroys the handle and with it the cluster and all its data.
/// </summary>
internal sealed class MockCluster : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly nint _handle;
    private readonly nint _cluster;
    private readonly CancellationTokenSource _stopPolling = new();
    private readonly Task _polling;

    private MockCluster(nint handle, nint cluster, IReadOnlyList<IPEndPoint> brokerEndpoints)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerEndpoints = brokerEndpoints;
        _polling = PollAsync(_stopPolling.Token);
    }

    /// <summary>The real listener of broker id <c>i + 1</c> at index <c>i</c>.</summary>
    public IReadOnlyList<IPEndPoint> BrokerEndpoints { get; }

    public int BrokerCount => BrokerEndpoints.Count;

    public static string LibraryVersion => LibRdKafka.Utf8(LibRdKafka.VersionStr()) ?? "unknown";

    public static unsafe MockCluster Create(int brokerCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);

        var conf = LibRdKafka.ConfNew();
        var handle = nint.Zero;
        try
        {
            Set(conf, "test.mock.num.brokers", brokerCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(conf, "client.id", "devkafka-mock-host");
            // The hosting producer also connects to the cluster; its reconnect chatter while the broker is
            // down says nothing the control channel does not.
            Set(conf, "log.connection.close", "false");

            var error = stackalloc byte[512];
            handle = LibRdKafka.New(LibRdKafka.ProducerType, conf, error, 512);
            if (handle == 0)
            {
                throw new InvalidOperationException($"rd_kafka_new failed: {Utf8(error)}");
            }

            conf = 0; // owned by the handle now

            var cluster = LibRdKafka.HandleMockCluster(handle);
            if (cluster == 0)
            {
                throw new InvalidOperationException("rd_kafka_handle_mock_cluster returned no cluster.");
            }

            // Built once at creation from the real listeners, in broker id order; Advertise does not change it.
            var bootstraps = LibRdKafka.Utf8(LibRdKafka.MockClusterBootstraps(cluster)) ?? string.Empty;
            var endpoints = bootstraps.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(IPEndPoint.Parse).ToArray();
            if (endpoints.Length != brokerCount)
            {
                throw new InvalidOperationException($"Mock cluster reported bootstraps '{bootstraps}' for {brokerCount} brokers.");
            }

            var created = new MockCluster(handle, cluster, endpoints);
            handle = 0;
            return created;
        }
        finally
        {
            if (conf != 0)
            {
                LibRdKafka.ConfDestroy(conf);
            }

            if (handle != 0)
            {
                LibRdKafka.Destroy(handle);
            }
        }
    }

    /// <summary>Makes metadata and coordinator answers name <paramref name="endpoint"/> for this broker.</summary>
    public void Advertise(int brokerId, IPEndPoint endpoint) =>
        LibRdKafka.MockBrokerSetHostPort(_cluster, brokerId, endpoint.Address.ToString(), endpoint.Port);

    public void SetControllerId(int brokerId) => LibRdKafka.MockSetControllerId(_cluster, brokerId);

    public void CreateTopic(string name, int partitions) =>
        Check(LibRdKafka.MockTopicCreate(_cluster, name, partitions, Math.Min(3, BrokerCount)), $"create topic '{name}'");

    /// <summary>Closes every broker's connections and stops accepting new ones; topics and offsets stay.</summary>
    public void SetBrokersDown() => Check(LibRdKafka.MockBrokerSetDown(_cluster, LibRdKafka.AllBrokers), "set brokers down");

    public void SetBrokersUp() => Check(LibRdKafka.MockBrokerSetUp(_cluster, LibRdKafka.AllBrokers), "set brokers up");

    /// <summary>
    /// Asks the cluster for all topics with a Metadata request over the network, so it goes through
    /// whatever the brokers advertise and fails while they are down.
    /// </summary>
    public unsafe IReadOnlyList<TopicInfo> DescribeTopics(TimeSpan timeout)
    {
        LibRdKafka.Metadata* metadata = null;
        Check(LibRdKafka.GetMetadata(_handle, allTopics: 1, onlyTopic: 0, &metadata, (int)timeout.TotalMilliseconds), "read metadata");
        try
        {
            var topics = new List<TopicInfo>(metadata->TopicCount);
            for (var i = 0; i < metadata->TopicCount; i++)
            {
                var topic = metadata->Topics[i];
                if (topic.Error == LibRdKafka.NoError)
                {
                    topics.Add(new TopicInfo(LibRdKafka.Utf8(topic.Topic)!, topic.PartitionCount));
                }
            }

            return topics;
        }
        finally
        {
            LibRdKafka.MetadataDestroy(metadata);
        }
    }

    public void Dispose()
    {
        _stopPolling.Cancel();
        _polling.GetAwaiter().GetResult();
        _stopPolling.Dispose();
        LibRdKafka.Destroy(_handle);
    }

    /// <summary>Serves the handle's queued events (errors, stats) so they do not pile up.</summary>
    private async Task PollAsync(CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                LibRdKafka.Poll(_handle, 0);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static unsafe void Set(nint conf, string name, string value)
    {
        var error = stackalloc byte[512];
        if (LibRdKafka.ConfSet(conf, name, value, error, 512) != LibRdKafka.ConfOk)
        {
            throw new InvalidOperationException($"Cannot set {name}={value}: {Utf8(error)}");
        }
    }

    private static void Check(int error, string action)
    {
        if (error != LibRdKafka.NoError)
        {
            throw new MockClusterException(action, error);
        }
    }

    private static unsafe string Utf8(byte* text) => Encoding.UTF8.GetString(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));
}
