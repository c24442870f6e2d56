using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Grains.Tests.Pipeline;

/// <summary>
/// 100 000 random events through two silos and four partitions must give exactly the rows of an independent
/// recomputation: interleaved partitions, one partition that goes idle, late events, bad records, ties.
/// </summary>
public sealed class ExactnessTests
{
    private const int Partitions = 4;
    private const long WindowSize = 300;
    private const long Lateness = 600;

    [Fact]
    public async Task RowsOfEveryWindowEqualTheRecomputation()
    {
        // The silos know the topic has four partitions, as with Kafka: one whose first delivery comes late (its
        // queue's agent starting later on the other silo) still counts its first windows.
        await using var saga = await SagaCluster.StartAsync(silos: 2, new Dictionary<string, string?>
        {
            [SagaTestSiloConfigurator.TopicPartitionsSetting] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var publisher = new PartitionPublisher(saga.Cluster.Client, Partitions);
        var generator = new EventGenerator(seed: 20261123);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var t0 = (now - 12 * 3600) / WindowSize * WindowSize;
        var cursor = (double)t0;
        var counted = new List<(long Time, string Text)>();
        var deadLetters = new Dictionary<string, long>();
        var pending = Enumerable.Range(0, Partitions).Select(_ => new List<string>()).ToArray();

        async Task Flush(bool all)
        {
            for (var p = 0; p < Partitions; p++)
            {
                if (pending[p].Count >= 200 || (all && pending[p].Count > 0))
                {
                    await publisher.PublishAsync(p, pending[p]);
                    pending[p].Clear();
                }
            }
        }

        async Task OnTime(int count, bool includeIdlePartition)
        {
            for (var i = 0; i < count; i++)
            {
                cursor += generator.Next(700) / 1000.0;
                // Out of order by up to 4 minutes: always within the allowed lateness, so never late.
                var time = (long)cursor - generator.Next(240);
                var text = generator.Text();
                counted.Add((time, text));
                pending[generator.Next(includeIdlePartition ? Partitions : Partitions - 1)].Add(generator.Json(time, text));
                await Flush(all: false);
            }

            await Flush(all: true);
        }

        void Reject(string reason, string value)
        {
            deadLetters[reason] = deadLetters.GetValueOrDefault(reason) + 1;
            pending[generator.Next(Partitions - 1)].Add(value);
        }

        // Phase 1: every partition gets events at first; then the last one falls silent and must become idle.
        await OnTime(400, includeIdlePartition: true);
        await OnTime(59_600, includeIdlePartition: false);

        // Phase 2: once every partition has sealed the first hours, events of those hours are late; add bad records.
        // (The stream watermark passing them is not enough: a partition that has not adopted it yet still counts
        // them, rightly, since their windows cannot close before that partition's seal.)
        var index = saga.Grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key);
        await Eventually.HoldsAsync(
            async () => (await index.GetStreamStatus()).Partitions is { Count: Partitions } sealing && sealing.All(p => p.SealedThrough >= t0 + 2 * 3600),
            TimeSpan.FromSeconds(60), "every partition to seal past the second hour (partition 3 idle)");
        for (var i = 0; i < 1_000; i++)
        {
            Reject("late", generator.Json(t0 + generator.Next(3600), generator.Text()));
        }

        for (var i = 0; i < 30; i++)
        {
            Reject("malformed_json", "{\"id\": \"x\", \"time\": ");
            Reject("missing_id", $"{{\"time\": {t0}, \"text\": \"Gandalf\"}}");
            Reject("invalid_time", $"{{\"id\": \"x\", \"time\": \"{t0}\", \"text\": \"Gandalf\"}}");
            Reject("future", generator.Json(now + 3 * 3600, "Gandalf from the future"));
        }

        await Flush(all: true);

        // Phase 3: the stream goes on.
        await OnTime(40_000, includeIdlePartition: false);

        // Everything delivered, every partition idle: the watermark settles and every window it passed is closed.
        await Eventually.HoldsAsync(async () =>
        {
            for (var p = 0; p < Partitions; p++)
            {
                var status = await saga.Grains.GetGrain<IPartitionGrain>(p).GetStatus();
                if (status.DurableNextOffset != publisher.NextOffset(p))
                {
                    return false;
                }
            }

            var stream = await index.GetStreamStatus();
            var open = await index.GetWindows(null, null);
            // All idle: the watermark is the furthest partition's, and it cannot move any more.
            return stream.Partitions.All(p => p.IsIdle && p.SealedThrough == stream.StreamWatermark)
                && stream.StreamWatermark == stream.Partitions.Max(p => p.Watermark)
                && open.All(w => w.IsFinal == (w.End <= stream.StreamWatermark));
        }, TimeSpan.FromSeconds(90), "all records checkpointed and every passed window closed");

        var watermark = (await index.GetStreamStatus()).StreamWatermark;
        Assert.Equal(counted.Max(e => e.Time) - Lateness, watermark);

        var expected = Recomputation.Rank(counted, TestCharacters.All, WindowSize, topN: 5);
        var expectedClosed = expected.Where(r => r.WindowStart + WindowSize <= watermark).Order(Recomputation.RowOrder).ToList();
        var expectedOpen = expected.Where(r => r.WindowStart + WindowSize > watermark).Order(Recomputation.RowOrder).ToList();
        Assert.NotEmpty(expectedOpen);
        Assert.True(expectedClosed.Count > 1_000, $"only {expectedClosed.Count} closed rows");
        Assert.Contains(expectedClosed, r => expectedClosed.Any(o => o != r && o.WindowStart == r.WindowStart && o.Label == r.Label && o.Count == r.Count));

        // Closed windows: the stored final rows, exactly.
        var stored = saga.Stores.Rows.Snapshot();
        Assert.All(stored.Where(w => w.End.ToUnixTimeSeconds() <= watermark), w => Assert.True(w.IsFinal, $"{w.Start} {w.Label} not final"));
        var actualClosed = stored
            .Where(w => w.End.ToUnixTimeSeconds() <= watermark)
            .SelectMany(w => w.Rows.Select(r => new Recomputation.Row(w.Start.ToUnixTimeSeconds(), w.Label, r.Character, r.Count, r.Rank)))
            .Order(Recomputation.RowOrder)
            .ToList();
        Assert.Equal(expectedClosed, actualClosed);
        Assert.Equal(0, saga.Stores.Rows.WritesAfterFinal);

        // Open windows: the live leaders, exactly.
        var actualOpen = new List<Recomputation.Row>();
        foreach (var window in expectedOpen.Select(r => (r.WindowStart, r.Label)).Distinct())
        {
            var leaders = await saga.Grains.GetGrain<IWindowRankingGrain>(window.WindowStart, window.Label).GetLeaders(5);
            Assert.False(leaders.IsFinal);
            actualOpen.AddRange(leaders.Leaders.Select(l => new Recomputation.Row(window.WindowStart, window.Label, l.Character, l.Count, l.Rank)));
        }

        Assert.Equal(expectedOpen, actualOpen.Order(Recomputation.RowOrder).ToList());

        // Every rejected record is dead-lettered once, with its reason; the counters agree.
        var letters = saga.Stores.DeadLetters.Letters.GroupBy(l => l.Reason).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(deadLetters.OrderBy(kv => kv.Key), letters.OrderBy(kv => kv.Key));
        var totals = new PipelineCounters();
        for (var p = 0; p < Partitions; p++)
        {
            totals.Add((await saga.Grains.GetGrain<IPartitionGrain>(p).GetStatus()).Counters);
        }

        Assert.Equal(counted.Count, totals.Counted);
        Assert.Equal(deadLetters.Values.Sum(), totals.Rejected);
        Assert.Equal(counted.Count + deadLetters.Values.Sum(), totals.Consumed);
        Assert.Equal(0, totals.Duplicates);
        Assert.Equal(deadLetters.OrderBy(kv => kv.Key), totals.RejectedByReason.OrderBy(kv => kv.Key));
    }
}
