using Orleans.Saga.Deploy.Tests.Infrastructure;

namespace Orleans.Saga.Deploy.Tests.Manifests;

/// <summary>
/// The files as the real tools read them, where the tools are installed: <c>kubectl kustomize</c> and
/// <c>docker compose config</c> (or docker-compose v1). Neither needs a cluster or a Docker engine.
/// </summary>
public sealed class ExternalValidatorTests
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(1);

    [SkippableFact]
    public async Task Kustomize_builds_the_manifests()
    {
        var kubectl = ProcessRunner.Find("kubectl");
        Skip.If(kubectl is null, "kubectl is not installed");

        var result = await ProcessRunner.RunAsync(kubectl, ["kustomize", RepositoryPaths.KubernetesDirectory], ToolTimeout);
        Assert.True(result.ExitCode == 0, result.ToString());

        var kinds = result.StandardOutput.Split('\n')
            .Where(line => line.StartsWith("kind: ", StringComparison.Ordinal))
            .Select(line => line["kind: ".Length..].Trim())
            .Order(StringComparer.Ordinal);
        Assert.Equal(["ConfigMap", "Deployment", "PodDisruptionBudget", "Role", "RoleBinding", "Service", "ServiceAccount"], kinds);
        Assert.Contains("namespace: orleans-saga", result.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Compose_accepts_the_file()
    {
        var command = await ComposeCommandAsync();
        Skip.If(command is null, "neither `docker compose` nor `docker-compose` is installed");

        var environment = new Dictionary<string, string> { ["MYSQL_ROOT_PASSWORD"] = "root-for-validation", ["SAGA_DB_PASSWORD"] = "app-for-validation" };
        var result = await ProcessRunner.RunAsync(command.Value.FileName, [.. command.Value.Arguments, "-f", RepositoryPaths.ComposeFile, "config"], ToolTimeout, environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Password=app-for-validation;", result.StandardOutput, StringComparison.Ordinal);

        // Without the passwords compose refuses to start: nothing falls back to a default credential.
        var withoutPasswords = await ProcessRunner.RunAsync(
            command.Value.FileName, [.. command.Value.Arguments, "-f", RepositoryPaths.ComposeFile, "config"], ToolTimeout,
            new Dictionary<string, string> { ["MYSQL_ROOT_PASSWORD"] = "", ["SAGA_DB_PASSWORD"] = "" });
        Assert.NotEqual(0, withoutPasswords.ExitCode);
    }

    private static async Task<(string FileName, string[] Arguments)?> ComposeCommandAsync()
    {
        if (ProcessRunner.Find("docker") is { } docker
            && (await ProcessRunner.RunAsync(docker, ["compose", "version"], ToolTimeout)).ExitCode == 0)
        {
            return (docker, ["compose"]);
        }

        return ProcessRunner.Find("docker-compose") is { } compose ? (compose, []) : null;
    }
}
