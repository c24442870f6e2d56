using System.Runtime.InteropServices;

namespace Orleans.Saga.DevKafka.Native;

/// <summary>
/// The few librdkafka entry points the dev broker needs: a producer handle that hosts a mock cluster
/// (rdkafka.h, rdkafka_mock.h). Functions returning <c>const char*</c> return <see cref="nint"/> because
/// librdkafka owns those strings; the marshaller must not free them.
/// </summary>
internal static unsafe partial class LibRdKafka
{
    public const string LibraryName = "librdkafka";

    public const int ProducerType = 0;   // RD_KAFKA_PRODUCER
    public const int ConfOk = 0;         // RD_KAFKA_CONF_OK
    public const int NoError = 0;        // RD_KAFKA_RESP_ERR_NO_ERROR
    public const int AllBrokers = -1;    // broker_id meaning "every broker" in rd_kafka_mock_broker_set_up/down

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_version_str")]
    public static partial nint VersionStr();

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_err2str")]
    public static partial nint Err2Str(int err);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_err2name")]
    public static partial nint Err2Name(int err);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_new")]
    public static partial nint ConfNew();

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(nint conf);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(nint conf, string name, string value, byte* errstr, nuint errstrSize);

    /// <summary>Takes ownership of <paramref name="conf"/> on success only.</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_new")]
    public static partial nint New(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(nint rk);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_poll")]
    public static partial int Poll(nint rk, int timeoutMs);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_metadata")]
    public static partial int GetMetadata(nint rk, int allTopics, nint onlyTopic, Metadata** metadata, int timeoutMs);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_metadata_destroy")]
    public static partial void MetadataDestroy(Metadata* metadata);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_handle_mock_cluster")]
    public static partial nint HandleMockCluster(nint rk);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial nint MockClusterBootstraps(nint mcluster);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockTopicCreate(nint mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_set_controller_id")]
    public static partial void MockSetControllerId(nint mcluster, int brokerId);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_host_port", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void MockBrokerSetHostPort(nint mcluster, int brokerId, string host, int port);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_down")]
    public static partial int MockBrokerSetDown(nint mcluster, int brokerId);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_up")]
    public static partial int MockBrokerSetUp(nint mcluster, int brokerId);

    public static string? Utf8(nint text) => Marshal.PtrToStringUTF8(text);

    public static string ErrorText(int err) => $"{Utf8(Err2Name(err))}: {Utf8(Err2Str(err))}";

    /// <summary><c>struct rd_kafka_metadata</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Metadata
    {
        public int BrokerCount;
        public nint Brokers;
        public int TopicCount;
        public MetadataTopic* Topics;
        public int OriginatingBrokerId;
        public nint OriginatingBrokerName;
    }

    /// <summary><c>struct rd_kafka_metadata_topic</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MetadataTopic
    {
        public nint Topic;
        public int PartitionCount;
        public nint Partitions;
        public int Error;
    }
}
