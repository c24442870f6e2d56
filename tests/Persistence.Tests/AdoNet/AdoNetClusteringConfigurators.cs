using Microsoft.Extensions.Configuration;
using Orleans.Saga.Persistence.MySql;
using Orleans.TestingHost;

namespace Orleans.Saga.Persistence.Tests.AdoNet;

/// <summary>Silos keep cluster membership in MySQL.</summary>
public sealed class AdoNetClusteringSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.UseAdoNetClustering(options =>
        {
            options.Invariant = MySqlConnectionStrings.AdoNetInvariant;
            options.ConnectionString = AdoNetTestSettings.ConnectionString(siloBuilder.Configuration);
        });
}

/// <summary>Clients find gateways in MySQL membership.</summary>
public sealed class AdoNetClusteringClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseAdoNetClustering(options =>
        {
            options.Invariant = MySqlConnectionStrings.AdoNetInvariant;
            options.ConnectionString = AdoNetTestSettings.ConnectionString(configuration);
        });
}
