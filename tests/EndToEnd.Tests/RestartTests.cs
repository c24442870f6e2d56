using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Xunit.Abstractions;

namespace Orleans.Saga.EndToEnd.Tests;

/// <summary>Silos keep nothing but what MySQL and Kafka hold: a new cluster carries on where the old one stopped.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class RestartTests(EndToEndServers servers, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_restarted_cluster_reads_its_state_back_and_resumes_from_the_checkpoints()
    {
        var (broker, mySql) = servers.Require();
        await using var run = await PipelineRun.StartAsync(broker, await TestDatabase.CreateAsync(mySql), output);
        var ends = await run.RunRoundsUntilCheckpointedAsync(8);
        await Polling.UntilAsync(async () => (await run.Probe.WindowsAsync()).Any(w => w.IsFinal), TimeSpan.FromSeconds(30), "the first windows closed");
        var before = await run.Probe.CountersAsync();
        var closedBefore = (await run.Probe.WindowsAsync()).Where(w => w.IsFinal).ToList();
        var watermarkBefore = (await run.Probe.StreamAsync()).StreamWatermark;

        await run.RestartClusterAsync(silos: 2);

        // Before any new record: the partitions, their counters, the windows and the watermark come back from MySQL.
        var partitions = await run.Probe.PartitionsAsync();
        Assert.Equal(ends, partitions.Select(p => p.DurableNextOffset ?? -1));
        var after = await run.Probe.CountersAsync();
        Assert.Equal((before.Consumed, before.Counted, before.Rejected, before.Mentions), (after.Consumed, after.Counted, after.Rejected, after.Mentions));
        Assert.Superset(closedBefore.ToHashSet(), (await run.Probe.WindowsAsync()).Where(w => w.IsFinal).ToHashSet());
        Assert.True((await run.Probe.StreamAsync()).StreamWatermark >= watermarkBefore, "the stream watermark went back after the restart");

        await run.WaitUntilSilosShareThePartitionsAsync();
        await run.RunRoundsUntilAsync(PipelineRun.Rounds);

        // Graceful stops checkpoint everything: nothing is processed twice. (The new activations ask their receivers
        // for a replay from the checkpoint, whose records they may then skip.)
        await Exactness.AssertAsync(run, Replays.Skipped);
    }
}
