namespace Orleans.Saga.Persistence.MySql;

/// <summary>Connection strings shared by the application, the scripts and the tests.</summary>
public static class MySqlConnectionStrings
{
    /// <summary>The ADO.NET invariant that selects MySqlConnector in Orleans' ADO.NET providers (storage and clustering).</summary>
    public const string AdoNetInvariant = "MySql.Data.MySqlConnector";

    /// <summary>
    /// The local development server started by <c>scripts/mariadb.sh start</c> with its defaults:
    /// port 3306, database <c>seedtag</c>, the <c>saga</c> account and its development-only password.
    /// </summary>
    public const string Default = "Server=127.0.0.1;Port=3306;Database=seedtag;User ID=saga;Password=saga-dev-only;";
}
