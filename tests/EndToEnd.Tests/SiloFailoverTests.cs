using Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Xunit.Abstractions;

namespace Orleans.Saga.EndToEnd.Tests;

/// <summary>Two silos share the partitions; silos leave (gracefully or not) and join mid-stream.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SiloFailoverTests(EndToEndServers servers, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Partitions_move_between_silos_that_stop_start_and_die_without_loss_or_double_count()
    {
        var (broker, mySql) = servers.Require();
        await using var run = await PipelineRun.StartAsync(broker, await TestDatabase.CreateAsync(mySql), output);
        var primary = run.Cluster.Primary!;
        await run.WaitUntilSilosShareThePartitionsAsync();
        await run.RunRoundsUntilAsync(4);

        // A graceful stop while a round is in flight: the primary takes over the stopped silo's partitions.
        await run.ProduceRoundAsync();
        await run.Cluster.StopSiloAsync(run.Cluster.SecondarySilos[0]);
        run.Log("secondary stopped gracefully");
        await run.WaitUntilOwnsAllPartitionsAsync(primary);
        await run.WaitUntilProcessedAsync();
        await run.RunRoundsUntilAsync(8);

        // A new silo joins: half of the partitions move to it and resume from their checkpoints.
        var joined = await run.Cluster.StartAdditionalSiloAsync();
        run.Log($"{joined.Name} started");
        await run.WaitUntilSilosShareThePartitionsAsync();
        await run.RunRoundsUntilAsync(12);

        // That silo dies with a round in flight: its progress since the last checkpoint is replayed elsewhere.
        await run.ProduceRoundAsync();
        await run.Cluster.KillSiloAsync(joined);
        run.Log($"{joined.Name} killed");
        await run.WaitUntilOwnsAllPartitionsAsync(primary);
        await run.WaitUntilProcessedAsync();
        await run.RunRoundsUntilAsync(PipelineRun.Rounds);

        await Exactness.AssertAsync(run, Replays.Reprocessed);
    }
}
