using Orleans.TestingHost;

namespace Orleans.Saga.Persistence.Tests.AdoNet;

/// <summary>Silos store grain state named "Default" in MySQL through Orleans' ADO.NET grain storage.</summary>
public sealed class AdoNetGrainStorageConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.AddAdoNetGrainStorage("Default", options =>
        {
            options.Invariant = AdoNetTestSettings.Invariant;
            options.ConnectionString = AdoNetTestSettings.ConnectionString(siloBuilder.Configuration);
            options.DeleteStateOnClear = bool.TryParse(siloBuilder.Configuration[AdoNetTestSettings.DeleteStateOnClearKey], out var delete) && delete;
        });
}
