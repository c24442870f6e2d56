using Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Xunit.Abstractions;

namespace Orleans.Saga.EndToEnd.Tests;

/// <summary>The broker goes away mid-stream and comes back.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BrokerOutageTests(EndToEndServers servers, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task A_broker_down_for_15_seconds_mid_stream_loses_nothing_and_counts_nothing_twice()
    {
        var (broker, mySql) = servers.Require();
        await using var run = await PipelineRun.StartAsync(broker, await TestDatabase.CreateAsync(mySql), output);
        await run.WaitUntilSilosShareThePartitionsAsync();
        await run.RunRoundsUntilAsync(6);

        // One round is on its way through the silos and the next one is still with the producer when the broker goes.
        await run.ProduceRoundAsync();
        var outageOver = Task.Delay(Outage);
        await run.Broker.DownAsync();
        run.Log("broker down");
        try
        {
            var pending = run.ProduceAsync(await run.PlanRoundAsync());
            await Polling.UntilAsync(
                () => Task.FromResult(run.Cluster.GetActiveSilos().Any(silo => !PipelineCluster.KafkaStatus(silo).BrokerReachable)),
                Outage,
                "a silo's Kafka status reports the broker unreachable");
            await outageOver;
            await run.Broker.UpAsync();
            run.Log("broker up");
            await pending;
        }
        finally
        {
            await run.Broker.UpAsync();
        }

        await run.WaitUntilProcessedAsync();
        await run.RunRoundsUntilAsync(PipelineRun.Rounds);

        await Exactness.AssertAsync(run, Replays.None);
    }
}
