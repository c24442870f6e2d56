using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Orleans.Saga.Faults.Tests.Infrastructure.Kafka;
using Orleans.Saga.Faults.Tests.Infrastructure.Scenario;
using Orleans.Saga.Faults.Tests.Infrastructure.Servers;
using Orleans.Saga.Faults.Tests.Infrastructure.Silos;
using Xunit.Abstractions;

namespace Orleans.Saga.Faults.Tests;

/// <summary>Silo processes die, restart, roll and freeze mid-stream; every record is still counted exactly once.</summary>
[Collection(FaultCollection.Name)]
public sealed class SiloFaultTests(EndToEndServers servers, ITestOutputHelper output)
{
    private static readonly IReadOnlySet<int> AllPartitions = Enumerable.Range(0, EventScript.Partitions).ToHashSet();

    /// <summary>Longer than the membership needs to declare a silent silo dead (three missed 2 s probes, and the vote).</summary>
    private static readonly TimeSpan PastMembershipTimeout = TimeSpan.FromSeconds(5);

    [SkippableFact]
    public async Task Kill_9_of_one_of_two_silos_moves_its_partitions_to_the_survivor()
    {
        await using var run = await StartAsync("kill-one-of-two", silos: 2);
        var (victim, survivor) = (run.Silos[0], run.Silos[1]);
        run.Log($"{victim.Name} reads [{string.Join(",", victim.Partitions.Order())}]");

        await run.StreamThroughAsync(async () =>
        {
            await victim.KillAsync();
            return 1;
        });

        Assert.Equal(AllPartitions, survivor.Partitions);
    }

    [SkippableFact]
    public async Task Kill_9_of_every_silo_then_a_restart_resumes_from_the_checkpoints()
    {
        await using var run = await StartAsync("kill-all-restart", silos: 2);

        await run.StreamThroughAsync(async () =>
        {
            foreach (var silo in run.Silos.Silos)
            {
                await silo.KillAsync();
            }

            var restarted = Enumerable.Range(0, run.Silos.Silos.Count).Select(run.Silos.Restart).ToList();
            await SiloFleet.WaitUntilReadyAsync(restarted);
            await run.Silos.WaitUntilPartitionsSpreadOverAsync(restarted);
            return restarted.Count;
        });
    }

    [SkippableFact]
    public async Task A_rolling_restart_of_three_silos_one_at_a_time()
    {
        await using var run = await StartAsync("rolling-restart", silos: 3);

        await run.StreamThroughAsync(async () =>
        {
            for (var slot = 0; slot < run.Silos.Silos.Count; slot++)
            {
                await SiloFleet.StopAsync(run.Silos[slot]);
                await SiloFleet.WaitUntilReadyAsync([run.Silos.Restart(slot)]);
                // One at a time: the restarted silo reads its share again before the next one stops.
                await run.Silos.WaitUntilPartitionsSpreadOverAsync(run.Silos.Silos);
                run.Log($"{run.Silos[slot].Name} restarted: {run.Silos.Describe()}");
            }

            return run.Silos.Silos.Count;
        });
    }

    [SkippableFact]
    public async Task A_silo_frozen_past_the_membership_timeout_then_resumed_processes_nothing_twice()
    {
        await using var run = await StartAsync("pause-resume", silos: 2);
        var (frozen, survivor) = (run.Silos[0], run.Silos[1]);

        await run.StreamThroughAsync(async () =>
        {
            frozen.Pause();
            // The survivor declares the frozen silo dead and takes over its partitions, from their checkpoints.
            await run.Silos.WaitUntilPartitionsSpreadOverAsync([survivor]);
            run.Log($"{survivor.Name} took over every partition while {frozen.Name} is frozen");
            await Task.Delay(PastMembershipTimeout);
            frozen.Resume();
            return 1;
        });

        Assert.Equal(AllPartitions, survivor.Partitions);
        run.Log(frozen.HasExited ? $"{frozen.Name} stopped itself after it learnt it had been declared dead" : $"{frozen.Name} still runs");
    }

    private async Task<FaultRun> StartAsync(string scenario, int silos)
    {
        var (broker, mySql) = servers.Require();
        TestEnvironment.SkipOrFail(SiloBinary.MissingReason);
        return await FaultRun.StartAsync(scenario, FaultBroker.Shared(broker), await ScenarioDatabase.CreateAsync(mySql), output, silos);
    }
}
