namespace Orleans.Saga.Faults.Tests.Infrastructure.Silos;

/// <summary>
/// The silo processes of one scenario: one cluster (ADO.NET membership in the scenario's database), each silo on
/// ports of its own that a restarted silo takes over. Every process ever started is killed by its PID on dispose.
/// </summary>
public sealed class SiloFleet : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BalanceTimeout = TimeSpan.FromSeconds(90);

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _topic;
    private readonly string _logDirectory;
    private readonly int _partitions;
    private readonly List<SiloProcess> _started = [];
    private readonly SiloProcess?[] _slots;

    public SiloFleet(IReadOnlyDictionary<string, string> settings, string topic, int partitions, string logDirectory, int silos)
    {
        _settings = settings;
        _topic = topic;
        _partitions = partitions;
        _logDirectory = logDirectory;
        _slots = new SiloProcess?[silos];
    }

    /// <summary>The current process in each slot (the latest started there).</summary>
    public IReadOnlyList<SiloProcess> Silos => [.. _slots.Select(silo => silo ?? throw new InvalidOperationException("The fleet has not started."))];

    public SiloProcess this[int slot] => Silos[slot];

    /// <summary>Every process started so far, restarted ones included.</summary>
    public IReadOnlyList<SiloProcess> Started => _started;

    /// <summary>Starts a silo in every slot, on free ports, and waits until each is ready.</summary>
    public async Task StartAsync()
    {
        for (var slot = 0; slot < _slots.Length; slot++)
        {
            Launch(slot, SiloPorts.Free());
        }

        await WaitUntilReadyAsync(Silos);
    }

    /// <summary>Starts a new process in <paramref name="slot"/>, on the ports of the one before it, without waiting.</summary>
    public SiloProcess Restart(int slot)
    {
        var previous = this[slot];
        if (!previous.HasExited)
        {
            throw new InvalidOperationException($"{previous.Name} still runs; stop or kill it first.");
        }

        return Launch(slot, previous.Ports);
    }

    public static Task WaitUntilReadyAsync(IEnumerable<SiloProcess> silos) =>
        Task.WhenAll(silos.Select(silo => silo.WaitUntilReadyAsync(ReadyTimeout)));

    /// <summary>Stops gracefully (SIGTERM) and waits until the process exited.</summary>
    public static Task StopAsync(SiloProcess silo) => silo.StopAsync(StopTimeout);

    /// <summary>
    /// Until the receivers of <paramref name="owners"/> read every partition between them, each partition on one
    /// silo only, and each silo at least one (the even balancer's spread).
    /// </summary>
    public async Task WaitUntilPartitionsSpreadOverAsync(IReadOnlyList<SiloProcess> owners)
    {
        var deadline = DateTime.UtcNow + BalanceTimeout;
        while (!IsSpread(owners))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The partitions did not spread over {string.Join(", ", owners.Select(o => o.Name))} within {BalanceTimeout}: {Describe()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Which partitions each running silo reads, e.g. "silo-1 [0,2]; silo-2 [1,3]".</summary>
    public string Describe() => string.Join("; ", _slots.OfType<SiloProcess>().Select(silo =>
        $"{silo.Name} [{string.Join(",", silo.Partitions.Order())}]{(silo.HasExited ? " (exited)" : string.Empty)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _started)
        {
            await silo.DisposeAsync();
        }
    }

    private bool IsSpread(IReadOnlyList<SiloProcess> owners)
    {
        var owned = owners.Select(owner => owner.Partitions).ToList();
        var all = owned.SelectMany(partitions => partitions).ToList();
        return all.Count == _partitions
            && all.Distinct().Count() == _partitions
            && owned.All(partitions => partitions.Count > 0);
    }

    private SiloProcess Launch(int slot, SiloPorts ports)
    {
        var generation = _started.Count(silo => silo.Ports == ports);
        var name = generation == 0 ? $"silo-{slot + 1}" : $"silo-{slot + 1}.{generation}";
        var silo = SiloProcess.Start(name, ports, _settings, _topic, Path.Combine(_logDirectory, $"{name}.log"));
        _started.Add(silo);
        _slots[slot] = silo;
        return silo;
    }
}
