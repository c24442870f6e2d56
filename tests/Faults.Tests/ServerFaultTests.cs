using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Orleans.Saga.Faults.Tests.Infrastructure.Classifier;
using Orleans.Saga.Faults.Tests.Infrastructure.Kafka;
using Orleans.Saga.Faults.Tests.Infrastructure.Scenario;
using Orleans.Saga.Faults.Tests.Infrastructure.Servers;
using Orleans.Saga.Faults.Tests.Infrastructure.Silos;
using Xunit.Abstractions;

namespace Orleans.Saga.Faults.Tests;

/// <summary>
/// The servers the silos depend on go away mid-stream and come back: MySQL, the Kafka broker, the HTTP classifier.
/// Each scenario runs a server of its own for the one it stops. Nothing is lost, skipped or counted twice.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ServerFaultTests(EndToEndServers servers, ITestOutputHelper output)
{
    private static readonly TimeSpan DatabaseOutage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BrokerOutage = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ClassifierOutage = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task MySql_stopped_for_30_s_then_started()
    {
        var broker = servers.RequireBroker();
        TestEnvironment.SkipOrFail(SiloBinary.MissingReason ?? (MariaDbServer.IsInstalled ? null : "NO MARIADB: apt-get install mariadb-server"));
        await using var mariaDb = await MariaDbServer.StartAsync();
        await using var run = await FaultRun.StartAsync("mysql-down", FaultBroker.Shared(broker), ScenarioDatabase.Seedtag(mariaDb.Server), output, silos: 2);

        await run.StreamThroughAsync(async () =>
        {
            await mariaDb.StopAsync();
            await Task.Delay(DatabaseOutage);
            await mariaDb.StartAgainAsync();
            return 1;
        });
    }

    [SkippableFact]
    public async Task The_broker_down_for_20_s_then_up()
    {
        var (_, mySql) = servers.Require();
        TestEnvironment.SkipOrFail(SiloBinary.MissingReason);
        await using var broker = await FaultBroker.StartOwnAsync();
        await using var run = await FaultRun.StartAsync("broker-down", broker, await ScenarioDatabase.CreateAsync(mySql), output, silos: 2);

        await run.StreamThroughAsync(async () =>
        {
            await broker.DownAsync();
            await Task.Delay(BrokerOutage);
            await broker.UpAsync();
            return 1;
        });
    }

    [SkippableFact]
    public async Task The_HTTP_classifier_stopped_for_20_s_then_started()
    {
        var (broker, mySql) = servers.Require();
        TestEnvironment.SkipOrFail(SiloBinary.MissingReason);
        await using var classifier = await ClassifierService.StartAsync();
        await using var run = await FaultRun.StartAsync(
            "classifier-down", FaultBroker.Shared(broker), await ScenarioDatabase.CreateAsync(mySql), output, silos: 2, classifier.Url);
        long answeredBeforeRestart = 0;

        await run.StreamThroughAsync(async () =>
        {
            await classifier.StopAsync();
            await Task.Delay(ClassifierOutage);
            answeredBeforeRestart = classifier.Answered;
            await classifier.StartAgainAsync();
            return 1;
        });

        Assert.True(classifier.Answered > answeredBeforeRestart, "the silos asked the classifier nothing after it came back");
        run.Log($"classifier answered {classifier.Answered} requests, {classifier.Answered - answeredBeforeRestart} after its restart");
    }
}
