using System.Net;
using MySqlConnector;
using Orleans.Saga.Deploy.Tests.Infrastructure;

namespace Orleans.Saga.Deploy.Tests.Observability;

/// <summary><c>Saga:Clustering=Kubernetes</c> turns Orleans' Kubernetes hosting on in a pod, and only there.</summary>
public sealed class KubernetesHostingTests
{
    [SkippableFact]
    public async Task In_a_pod_the_silo_uses_Kubernetes_hosting()
    {
        await using var database = await StartDatabaseAsync();

        // The kubelet's variables without a service account: Kubernetes hosting is on, and cannot reach the API.
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Saga__Source"] = "Memory",
            ["Saga__Clustering"] = "Kubernetes",
            ["ConnectionStrings__MySql"] = database.ConnectionString,
            ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
            ["KUBERNETES_SERVICE_PORT"] = "1",
            ["POD_NAME"] = "orleans-saga-silo-0",
            ["POD_NAMESPACE"] = "orleans-saga",
            ["POD_IP"] = "127.0.0.1",
        });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Unable to load in-cluster configuration", silo.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Outside_a_pod_Kubernetes_clustering_is_AdoNet_membership()
    {
        await using var database = await StartDatabaseAsync();

        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Saga__Source"] = "Memory",
            ["Saga__Clustering"] = "Kubernetes",
            ["Saga__ClusterId"] = "deploy-tests",
            ["ConnectionStrings__MySql"] = database.ConnectionString,
        });

        await silo.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(120));
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new MySqlCommand(
            "SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = 'deploy-tests' AND Status = 3", connection);
        Assert.Equal(1L, Convert.ToInt64(await query.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<MariaDbServer> StartDatabaseAsync()
    {
        TestServers.SkipUnless(TestServers.IsMariaDbInstalled, "mariadbd is not installed (scripts/mariadb.sh installs it)");
        Assert.True(File.Exists(RepositoryPaths.SiloAssembly), $"The silo is not built: {RepositoryPaths.SiloAssembly}");
        return await MariaDbServer.StartAsync();
    }
}
