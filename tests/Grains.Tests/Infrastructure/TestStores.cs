using System.Collections.Concurrent;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>
/// The row store and dead-letter place of one test cluster. In-process silos share these, so the test reads
/// exactly what the grains wrote, whichever silo they ran on.
/// </summary>
public sealed class TestStores
{
    public const string KeySetting = "Saga:Test:StoresKey";

    private static readonly ConcurrentDictionary<string, TestStores> ByKey = new();

    public InMemoryWindowRowStore Rows { get; } = new();

    public InMemoryDeadLetterPublisher DeadLetters { get; } = new();

    public static TestStores For(string key) => ByKey.GetOrAdd(key, _ => new TestStores());

    public static void Forget(string key) => ByKey.TryRemove(key, out _);
}
