namespace Orleans.Saga.Persistence.MySql;

/// <summary>Options of <see cref="MySqlWindowRowStore"/>.</summary>
public sealed class MySqlWindowRowStoreOptions
{
    /// <summary>
    /// A MySqlConnector connection string for the application account. Its pooling and timeout
    /// settings apply; the store always reads and writes times as UTC, whatever it says.
    /// </summary>
    public string ConnectionString { get; set; } = MySqlConnectionStrings.Default;
}
