using System.Collections.Concurrent;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>
/// The row store, dead-letter place and grain storage of one test cluster. In-process silos share these, so the test reads
/// exactly what the grains wrote, whichever silo they ran on.
/// </summary>
public sealed class TestStores
{
    public const string KeySetting = "Saga:Test:StoresKey";

    private static readonly ConcurrentDictionary<string, TestStores> ByKey = new();

    public InMemoryWindowRowStore Rows { get; } = new();

    public InMemoryDeadLetterPublisher DeadLetters { get; } = new();

    /// <summary>What <see cref="SharedGrainStorage"/> holds for the cluster: grain state outlives killed silos.</summary>
    public ConcurrentDictionary<(string State, GrainId Grain), SharedGrainStorage.Entry> GrainStates { get; } = new();

    /// <summary>How long each grain-state write takes, like a database's round trip (none by default).</summary>
    public TimeSpan WriteDelay { get; set; }

    /// <summary>How many of the next grain-state writes fail, as with a database that is down.</summary>
    public int FailingWrites { get; set; }

    public static TestStores For(string key) => ByKey.GetOrAdd(key, _ => new TestStores());

    public static void Forget(string key) => ByKey.TryRemove(key, out _);
}
