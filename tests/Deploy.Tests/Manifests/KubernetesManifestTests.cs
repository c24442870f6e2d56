using Orleans.Saga.Deploy.Tests.Infrastructure;

namespace Orleans.Saga.Deploy.Tests.Manifests;

/// <summary>deploy/k8s: the kustomization's resources agree with each other, with the image and with the docs.</summary>
public sealed class KubernetesManifestTests
{
    private readonly Node _kustomization = Yaml.Load(Path.Combine(RepositoryPaths.KubernetesDirectory, "kustomization.yaml"));
    private readonly IReadOnlyList<Node> _resources;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public KubernetesManifestTests()
    {
        _resources = [.. _kustomization["resources"].Items.SelectMany(file => Yaml.LoadAll(Path.Combine(RepositoryPaths.KubernetesDirectory, file.Required)))];
        var generator = _kustomization["configMapGenerator"].Items.Single();
        _settings = ReadEnvFile(Path.Combine(RepositoryPaths.KubernetesDirectory, generator["envs"].Items.Single().Required));
    }

    private Node Deployment => Single("Deployment");

    private Node PodSpec => Deployment["spec"]["template"]["spec"];

    private Node Silo => PodSpec["containers"].Items.Single();

    [Fact]
    public void The_silos_run_the_silo_image_with_configuration_from_the_ConfigMap_and_the_connection_string_from_a_Secret()
    {
        Assert.Equal(_kustomization["images"].Items.Single()["name"].Required, Silo["image"].Required);
        Assert.Equal(_kustomization["configMapGenerator"].Items.Single()["name"].Required, Silo["envFrom"].Items.Single()["configMapRef"]["name"].Required);

        var connectionString = Silo["env"].Items.Single(variable => variable["name"].Text == "ConnectionStrings__MySql");
        Assert.True(connectionString["valueFrom"]["secretKeyRef"]["name"].Exists);
        Assert.True(connectionString["valueFrom"]["secretKeyRef"]["key"].Exists);
        Assert.All(Silo["env"].Items, variable => Assert.False(variable["value"].Exists, $"{variable["name"].Text} has a literal value"));
        Assert.DoesNotContain(_settings.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_setting_and_variable_is_in_the_configuration_reference()
    {
        var variables = _settings.Keys.Concat(Silo["env"].Items.Select(variable => variable["name"].Required));
        Assert.All(variables, variable =>
            Assert.True(ConfigurationReference.Instance.Documents(variable), $"{variable} is not in docs/CONFIGURATION.md"));
    }

    [Fact]
    public void Kubernetes_hosting_is_on_and_gets_the_pod_from_the_Downward_API()
    {
        Assert.Equal("Kubernetes", _settings["Saga__Clustering"]);
        var fields = Silo["env"].Items
            .Where(variable => variable["valueFrom"]["fieldRef"].Exists)
            .ToDictionary(variable => variable["name"].Required, variable => variable["valueFrom"]["fieldRef"]["fieldPath"].Required);
        Assert.Equal("metadata.name", fields["POD_NAME"]);
        Assert.Equal("metadata.namespace", fields["POD_NAMESPACE"]);
        Assert.Equal("status.podIP", fields["POD_IP"]);

        // Orleans' Kubernetes hosting finds the cluster's pods by these labels.
        var labels = Deployment["spec"]["template"]["metadata"]["labels"].Strings;
        Assert.Equal(_settings["Saga__ServiceId"], labels["orleans/serviceId"]);
        Assert.Equal(_settings["Saga__ClusterId"], labels["orleans/clusterId"]);
    }

    [Fact]
    public void The_service_account_may_read_watch_and_label_pods()
    {
        var account = Single("ServiceAccount")["metadata"]["name"].Required;
        Assert.Equal(account, PodSpec["serviceAccountName"].Required);

        var binding = Single("RoleBinding");
        Assert.Contains(binding["subjects"].Items, subject => subject["kind"].Text == "ServiceAccount" && subject["name"].Text == account);
        var role = Single("Role");
        Assert.Equal(role["metadata"]["name"].Required, binding["roleRef"]["name"].Required);
        var pods = role["rules"].Items.Single(rule => rule["resources"].Items.Any(resource => resource.Text == "pods"));
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "patch" }, pods["verbs"].Items.Select(verb => verb.Required).ToHashSet());
    }

    [Fact]
    public void Ports_and_probes_match_the_silo_settings()
    {
        var ports = Silo["ports"].Items.ToDictionary(port => port["name"].Required, port => port["containerPort"].Required);
        Assert.Equal(_settings["Saga__Silo__SiloPort"], ports["silo"]);
        Assert.Equal(_settings["Saga__Silo__GatewayPort"], ports["gateway"]);
        Assert.Equal(_settings["Saga__Silo__HttpPort"], ports["http"]);
        Assert.Equal("0.0.0.0", _settings["Saga__Silo__HttpAddress"]);

        Assert.Equal("/health/live", Silo["livenessProbe"]["httpGet"]["path"].Required);
        Assert.Equal("/health/ready", Silo["readinessProbe"]["httpGet"]["path"].Required);
        Assert.Equal("/health/live", Silo["startupProbe"]["httpGet"]["path"].Required);
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            Assert.Equal("http", Silo[probe]["httpGet"]["port"].Required);
        }

        var annotations = Deployment["spec"]["template"]["metadata"]["annotations"].Strings;
        Assert.Equal(ports["http"], annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        Assert.Equal("http", Single("Service")["spec"]["ports"].Items.Single()["targetPort"].Required);
    }

    [Fact]
    public void Selectors_of_the_deployment_service_and_disruption_budget_match_the_pods()
    {
        var labels = Deployment["spec"]["template"]["metadata"]["labels"].Strings;
        Assert.Superset(Pairs(Deployment["spec"]["selector"]["matchLabels"].Strings), Pairs(labels));
        Assert.Superset(Pairs(Single("Service")["spec"]["selector"].Strings), Pairs(labels));
        var budget = Single("PodDisruptionBudget")["spec"];
        Assert.Superset(Pairs(budget["selector"]["matchLabels"].Strings), Pairs(labels));
        Assert.True(budget["maxUnavailable"].Exists || budget["minAvailable"].Exists);
    }

    [Fact]
    public void Silos_request_resources_and_run_unprivileged()
    {
        Assert.True(Silo["resources"]["requests"]["cpu"].Exists);
        Assert.True(Silo["resources"]["requests"]["memory"].Exists);
        Assert.True(Silo["resources"]["limits"]["memory"].Exists);
        Assert.Equal("true", PodSpec["securityContext"]["runAsNonRoot"].Required);
        Assert.NotEqual("0", PodSpec["securityContext"]["runAsUser"].Required);
        Assert.Equal("false", Silo["securityContext"]["allowPrivilegeEscalation"].Required);
    }

    private static HashSet<string> Pairs(IReadOnlyDictionary<string, string> labels) => [.. labels.Select(pair => $"{pair.Key}={pair.Value}")];

    private static Dictionary<string, string> ReadEnvFile(string path) =>
        File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private Node Single(string kind) => _resources.Single(resource => resource["kind"].Text == kind);
}
