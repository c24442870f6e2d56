using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MySqlConnector;
using Orleans.Saga.Persistence.MySql;

namespace Orleans.Saga.Persistence.Tests.WindowRows;

internal static class WindowRowStoreFactory
{
    public static MySqlWindowRowStore Create(string connectionString, IMeterFactory? meterFactory = null) =>
        new(
            Options.Create(new MySqlWindowRowStoreOptions { ConnectionString = connectionString }),
            NullLogger<MySqlWindowRowStore>.Instance,
            meterFactory);

    public static string Adjust(string connectionString, Action<MySqlConnectionStringBuilder> change)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        change(builder);
        return builder.ConnectionString;
    }

    /// <summary>A 5-minute window of its own, so tests never see each other's rows.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) UniqueWindow()
    {
        var slot = Random.Shared.NextInt64(0, 1_000_000);
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.FromMinutes(5 * slot);
        return (start, start.AddMinutes(5));
    }

    public static string UniqueLabel() => $"label-{Guid.NewGuid():N}";

    public static WindowRow[] Ranked(params (string Character, long Count)[] rows) =>
        [.. rows.Select((row, index) => new WindowRow(row.Character, row.Count, index + 1))];
}
