using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Xunit.Abstractions;

namespace Orleans.Saga.EndToEnd.Tests;

/// <summary>MySQL (grain state and rows alike) fails mid-stream: it goes away and comes back, or loses an acknowledgement.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DatabaseOutageTests(EndToEndServers servers, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task MySql_stopped_for_20_seconds_mid_stream_loses_no_count_and_leaves_no_duplicate_or_stale_row()
    {
        var broker = servers.RequireBroker();
        TestEnvironment.SkipOrFail(MariaDbServer.IsInstalled ? null : "NO DATABASE: the MySQL outage test runs a MariaDB of its own and needs mariadbd (apt-get install mariadb-server).");

        // A server of this test's own: stopping the shared one would break whatever else uses it.
        await using var server = await MariaDbServer.StartAsync();
        await using var run = await PipelineRun.StartAsync(broker, TestDatabase.OfOwnServer(server), output);
        await run.WaitUntilSilosShareThePartitionsAsync();
        await run.RunRoundsUntilAsync(6);

        // A round in flight when the server stops; the partitions go on reading while no checkpoint, push, report or
        // row write can succeed.
        await run.ProduceRoundAsync();
        var outageOver = Task.Delay(Outage);
        await server.StopAsync();
        run.Log("MySQL stopped");
        await run.WaitUntilProcessedAsync();
        await run.RunRoundsUntilAsync(9);
        await outageOver;
        await server.StartAgainAsync();
        run.Log("MySQL started again");

        await run.RunRoundsUntilAsync(PipelineRun.Rounds);

        // A checkpoint whose commit raced the shutdown leaves its partition grain a version behind storage; that
        // activation is replaced and its partition replayed from the checkpoint, so dead letters may repeat.
        await Exactness.AssertAsync(run, Replays.Reprocessed);
    }

    [SkippableFact]
    public async Task A_checkpoint_that_committed_without_its_acknowledgement_costs_a_replay_and_nothing_else()
    {
        var (broker, mySql) = servers.Require();
        await using var run = await PipelineRun.StartAsync(broker, await TestDatabase.CreateAsync(mySql), output);
        await run.WaitUntilSilosShareThePartitionsAsync();
        await run.RunRoundsUntilAsync(6);

        // What a commit that raced a dropped connection leaves behind, made certain: each partition grain's stored
        // state is a version ahead of the one the grain holds, so its next checkpoint is refused as stale.
        var ahead = await run.Database.ExecuteAsync("UPDATE OrleansStorage SET Version = Version + 1 WHERE GrainTypeString = 'partition'");
        Assert.Equal(EventScript.Partitions, ahead);
        run.Log("stored partition states moved a version ahead");

        await run.RunRoundsUntilAsync(PipelineRun.Rounds);

        await Exactness.AssertAsync(run, Replays.Reprocessed);
    }
}
