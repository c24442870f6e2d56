using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Saga.Persistence.MySql;

public static class MySqlWindowRowStoreServiceCollectionExtensions
{
    /// <summary>Registers <see cref="MySqlWindowRowStore"/> as the singleton <see cref="IWindowRowStore"/>.</summary>
    public static IServiceCollection AddMySqlWindowRowStore(this IServiceCollection services, Action<MySqlWindowRowStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MySqlWindowRowStoreOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString), "A MySQL connection string is required.");
        services.TryAddSingleton<IWindowRowStore, MySqlWindowRowStore>();
        return services;
    }
}
