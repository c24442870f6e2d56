using Orleans.Saga.Persistence.MySql;
using Orleans.TestingHost;

namespace Orleans.Saga.Persistence.Tests.AdoNet;

/// <summary>
/// Silos store grain state named "Default" in MySQL as the service's silos do, or with the provider's defaults (JSON
/// state, as earlier versions wrote it) when the test asks for them.
/// </summary>
public sealed class AdoNetGrainStorageConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        var connectionString = AdoNetTestSettings.ConnectionString(configuration);
        var deleteStateOnClear = bool.TryParse(configuration[AdoNetTestSettings.DeleteStateOnClearKey], out var delete) && delete;
        if (bool.TryParse(configuration[AdoNetTestSettings.ProviderDefaultsKey], out var providerDefaults) && providerDefaults)
        {
            siloBuilder.AddAdoNetGrainStorage("Default", options =>
            {
                options.Invariant = MySqlConnectionStrings.AdoNetInvariant;
                options.ConnectionString = connectionString;
            });
            return;
        }

        siloBuilder.AddMySqlGrainStorage("Default", connectionString, options => options.DeleteStateOnClear = deleteStateOnClear);
    }
}
