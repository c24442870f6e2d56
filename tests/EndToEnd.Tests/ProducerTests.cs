using Orleans.Saga.DevKafka.Tests.Infrastructure;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;
using Xunit.Abstractions;

namespace Orleans.Saga.EndToEnd.Tests;

/// <summary>Records written by outside clients travel the whole pipeline into MySQL and the dead-letter topic.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ProducerTests(EndToEndServers servers, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Records_from_a_Confluent_producer_and_from_kcat_become_exactly_the_recomputed_rows()
    {
        var (broker, mySql) = servers.Require();
        TestEnvironment.SkipOrFail(Kcat.IsInstalled ? null : Kcat.MissingReason);
        await using var run = await PipelineRun.StartAsync(broker, await TestDatabase.CreateAsync(mySql), output);
        await run.WaitUntilSilosShareThePartitionsAsync();

        // Rounds alternate between the two clients; bad records and (in one round) late events sit among good ones.
        await run.RunRoundsUntilAsync(PipelineRun.Rounds, round => round % 2 == 0 ? ProducerKind.Confluent : ProducerKind.Kcat);

        await Exactness.AssertAsync(run, Replays.None);
    }

    [SkippableFact]
    public async Task Records_from_a_transactional_producer_become_exactly_the_recomputed_rows_and_every_window_closes()
    {
        var (broker, mySql) = servers.Require();
        await using var run = await PipelineRun.StartAsync(broker, await TestDatabase.CreateAsync(mySql), output);
        await run.WaitUntilSilosShareThePartitionsAsync();

        // Every other round is one committed transaction, the last one too: commit markers take offsets between and after
        // the records, which must neither look like lost records nor keep a partition busy so that no window closes.
        await run.RunRoundsUntilAsync(PipelineRun.Rounds, round => round % 2 == 0 ? ProducerKind.Confluent : ProducerKind.Transactional);

        await Exactness.AssertAsync(run, Replays.None);
    }
}
