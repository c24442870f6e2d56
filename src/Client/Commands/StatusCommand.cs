using System.CommandLine;
using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Kafka;
using Orleans.Saga.Client.Queries;
using Orleans.Saga.Client.Rendering;
using Orleans.Saga.Client.Settings;

namespace Orleans.Saga.Client.Commands;

/// <summary>
/// <c>saga status</c>: silos, partitions with owner, offsets, lag and watermark, counters, and health. When only the
/// broker is unreachable it still prints what the cluster knows, then fails with the broker's exit code.
/// </summary>
public sealed class StatusCommand : SagaCommand
{
    private readonly Option<bool> _json = CommonOptions.Json();
    private readonly ClusterFlags _cluster = new();
    private readonly KafkaFlags _kafka = new();

    public StatusCommand(CliEnvironment environment, GlobalOptions global)
        : base("status", "Show silos, Kafka partitions (owner, committed offset, lag, watermark), counters and health.", environment, global)
    {
        Add(_json);
        _cluster.AddTo(this);
        _kafka.AddTo(this);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "status",
        "status --json",
        "status --gateway 10.0.0.5:30000 --bootstrap kafka-1:9092",
        "status -c Saga:Clustering=AdoNet -c ConnectionStrings:MySql=\"$MYSQL\"",
    ];

    protected override IEnumerable<KeyValuePair<string, string?>> FlagSettings(ParseResult parse) =>
        _cluster.Settings(parse).Concat(_kafka.Settings(parse));

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var configuration = Configuration(parse);
        var settings = ClusterSettings.From(configuration);
        var kafkaSettings = KafkaSettings.From(configuration);
        var inspector = new KafkaTopicInspector(kafkaSettings, new KafkaClientLog(Verbose(parse) ? Environment.Error : null));

        await using var connection = await ConnectAsync(parse, settings, cancellationToken);
        var status = await new StatusQuery(connection.Client, settings, inspector, kafkaSettings).GetAsync(cancellationToken);
        if (parse.GetValue(_json))
        {
            Json.Write(Environment.Out, status);
        }
        else
        {
            Environment.Console.Write(StatusView.Render(status));
        }

        if (!status.Kafka.Reachable)
        {
            Environment.Error.WriteLine($"error: {status.Kafka.Error}");
            return ExitCodes.BrokerUnreachable;
        }

        return ExitCodes.Ok;
    }
}
