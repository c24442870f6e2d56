using Microsoft.Extensions.Configuration;

namespace Orleans.Saga.Persistence.Tests.AdoNet;

/// <summary>What the tests hand the silos and clients they start, through the test cluster's configuration.</summary>
internal static class AdoNetTestSettings
{
    public const string ConnectionStringKey = "SagaTests:MySqlConnectionString";

    public const string DeleteStateOnClearKey = "SagaTests:DeleteStateOnClear";

    /// <summary>True: the grain storage is configured with Orleans' defaults instead of the service's settings.</summary>
    public const string ProviderDefaultsKey = "SagaTests:ProviderDefaults";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration[ConnectionStringKey] ?? throw new InvalidOperationException($"{ConnectionStringKey} is not set.");
}
