using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Xunit.Abstractions;

namespace Orleans.Saga.EndToEnd.Tests;

/// <summary>
/// Records Kafka's retention removed before they were read are lost, loudly and once; the partition that expected
/// them goes on, and so does the stream watermark it would otherwise hold back.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RetentionTests(EndToEndServers servers, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Offsets_removed_by_retention_while_the_cluster_was_down_are_counted_lost_and_the_pipeline_goes_on()
    {
        var (broker, mySql) = servers.Require();
        await using var run = await PipelineRun.StartAsync(broker, await TestDatabase.CreateAsync(mySql), output);
        var durable = await run.RunRoundsUntilCheckpointedAsync(4);
        var sealedBefore = (await run.Probe.StreamAsync()).Partitions.Min(p => p.SealedThrough);
        await run.StopClusterAsync();

        // While the cluster is down, partition 0 receives more than the dev broker keeps (about 5 MiB a partition):
        // retention removes records the partition had not read.
        await run.Producer.ProduceUnplannedAsync(partition: 0, Enumerable.Range(0, 8).Select(_ => new byte[900_000]));
        var low = run.Reader.LowWatermark(run.Target.Topic, 0);
        Assert.True(low > durable[0], $"retention removed nothing unread (low watermark {low}, durable offset {durable[0]})");

        // The partition counts the loss and goes on: the next rounds are processed and their windows close.
        await run.StartClusterAsync(silos: 1);
        await run.RunRoundsUntilAsync(8);
        var partition0 = (await run.Probe.PartitionsAsync()).Single(p => p.Partition == 0);
        Assert.Equal(low - durable[0], partition0.Counters.LostToRetention);
        Assert.All((await run.Probe.PartitionsAsync()).Where(p => p.Partition != 0), p => Assert.Equal(0, p.Counters.LostToRetention));
        await run.Probe.WaitUntilSealedThroughAsync(sealedBefore + 2 * EventScript.WindowSize, TimeSpan.FromSeconds(60));
    }
}
