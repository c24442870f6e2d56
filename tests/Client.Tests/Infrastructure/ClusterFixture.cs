using Orleans.Saga.Grains.Tests.Infrastructure;
using Orleans.Saga.Partitions;
using Orleans.Saga.Windows;
using GrainEvents = Orleans.Saga.Grains.Tests.Infrastructure.EventGenerator;

namespace Orleans.Saga.Client.Tests.Infrastructure;

/// <summary>
/// A two-silo test cluster of the real grains (memory streams, memory storage) that has counted events of four
/// windows on two partitions: two windows that closed (final) and two that are still open. Events go in stage by
/// stage, one window period at a time, so none is late and every count is known: <see cref="Expected"/> is the
/// independent recomputation of the rows. Also the dev broker, for the tests that need Kafka.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Partitions = 2;
    public const int WindowSize = 300;
    public const int TopN = 5;
    private const int EventsPerWindowAndPartition = 80;

    private readonly List<(long Time, string Text)> _events = [];

    public SagaCluster Saga { get; private set; } = null!;

    public IClusterClient Client => Saga.Cluster.Client;

    public DevBroker Broker { get; private set; } = null!;

    /// <summary>The characters file the cluster counts with, for the CLI's <c>Saga:Characters:Path</c>.</summary>
    public string CharactersPath { get; } = TestCharacters.WriteFile();

    /// <summary>Window starts, oldest first: two final windows, then two open ones.</summary>
    public long OldWindow { get; private set; }

    public long MidWindow { get; private set; }

    public long OpenWindow { get; private set; }

    public long NewestWindow { get; private set; }

    /// <summary>The rows the cluster must hold: counted from the events by a plain recomputation.</summary>
    public IReadOnlyList<Recomputation.Row> Expected { get; private set; } = [];

    public long PublishedRecords(int partition) => _publisher.NextOffset(partition);

    private PartitionPublisher _publisher = null!;

    public async Task InitializeAsync()
    {
        var broker = DevBroker.AttachOrStartAsync();
        Saga = await SagaCluster.StartAsync(silos: 2);
        Broker = await broker;
        _publisher = new PartitionPublisher(Client, Partitions);

        NewestWindow = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / WindowSize * WindowSize;
        OpenWindow = NewestWindow - WindowSize;
        MidWindow = NewestWindow - 8 * WindowSize;
        OldWindow = NewestWindow - 24 * WindowSize;

        // One stage per window period: the watermark (newest time minus 10 minutes) never passes the end of a
        // window whose events are still coming, so nothing is late.
        var generator = new GrainEvents(seed: 5);
        await PublishStageAsync(generator, OldWindow);
        await PublishStageAsync(generator, MidWindow);
        await PublishStageAsync(generator, OpenWindow, NewestWindow);

        Expected = Recomputation.Rank(_events, TestCharacters.All, WindowSize, TopN);
        await Eventually.HoldsAsync(CountedAndClosedAsync, TimeSpan.FromSeconds(45), "the rows equal the recomputation, and the two old windows are final");
    }

    public async Task DisposeAsync()
    {
        await Saga.DisposeAsync();
        await Broker.DisposeAsync();
        File.Delete(CharactersPath);
    }

    private async Task PublishStageAsync(GrainEvents generator, params long[] windows)
    {
        for (var partition = 0; partition < Partitions; partition++)
        {
            var events = windows
                .SelectMany(start => Enumerable.Range(0, EventsPerWindowAndPartition).Select(_ => (Time: start + generator.Next(WindowSize), Text: generator.Text())))
                .OrderBy(e => e.Time)
                .ToList();
            _events.AddRange(events);
            await _publisher.PublishAsync(partition, events.Select(e => generator.Json(e.Time, e.Text)));
        }

        await Eventually.HoldsAsync(
            async () =>
            {
                for (var partition = 0; partition < Partitions; partition++)
                {
                    if ((await Client.GetGrain<IPartitionGrain>(partition).GetStatus()).DurableNextOffset != _publisher.NextOffset(partition))
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(30),
            $"both partitions checkpointed the events of windows {string.Join(", ", windows)}");
    }

    private async Task<bool> CountedAndClosedAsync()
    {
        var windows = await Client.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key).GetWindows(null, null);
        if (windows.Any(w => (w.Start <= MidWindow) != w.IsFinal))
        {
            return false;
        }

        foreach (var window in Expected.GroupBy(r => (r.WindowStart, r.Label)))
        {
            var leaders = await Client.GetGrain<IWindowRankingGrain>(window.Key.WindowStart, window.Key.Label).GetLeaders(TopN);
            if (!leaders.Leaders.Select(l => (l.Character, l.Count, l.Rank)).SequenceEqual(window.Select(r => (r.Character, r.Count, r.Rank))))
            {
                return false;
            }
        }

        return true;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster and broker";
}
