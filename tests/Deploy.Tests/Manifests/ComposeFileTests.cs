using Orleans.Saga.Deploy.Tests.Infrastructure;

namespace Orleans.Saga.Deploy.Tests.Manifests;

/// <summary>deploy/docker-compose.yml: images, wiring, ports and settings agree with each other and with the docs.</summary>
public sealed class ComposeFileTests
{
    private static readonly string[] Silos = ["silo1", "silo2"];

    private readonly Node _services = Yaml.Load(RepositoryPaths.ComposeFile)["services"];

    [Fact]
    public void Kafka_is_the_official_image_in_KRaft_mode_and_MySQL_is_version_8()
    {
        var kafka = _services["kafka"];
        Assert.StartsWith("apache/kafka:", kafka["image"].Required, StringComparison.Ordinal);
        var broker = kafka["environment"].Strings;
        Assert.Equal("broker,controller", broker["KAFKA_PROCESS_ROLES"]);
        Assert.Contains($"{broker["KAFKA_NODE_ID"]}@kafka:", broker["KAFKA_CONTROLLER_QUORUM_VOTERS"], StringComparison.Ordinal);
        Assert.Equal(kafka["image"].Required, _services["kafka-topics"]["image"].Required);

        Assert.StartsWith("mysql:8", _services["mysql"]["image"].Required, StringComparison.Ordinal);
        Assert.Equal(_services["mysql"]["image"].Required, _services["mysql-schema"]["image"].Required);
    }

    [Fact]
    public void The_schema_is_applied_from_the_repository_before_the_silos_start()
    {
        var schema = _services["mysql-schema"];
        Assert.Equal("service_healthy", schema["depends_on"]["mysql"]["condition"].Required);
        var mounts = schema["volumes"].Items.Select(volume => volume.Required.Split(':')).ToDictionary(parts => parts[1], parts => parts[0]);
        Assert.Equal("../sql", mounts["/schema/sql"]);
        Assert.Equal("../scripts", mounts["/schema/scripts"]);
        Assert.Equal("./mysql", mounts["/schema/deploy/mysql"]);

        var script = schema["entrypoint"].Items[1].Required;
        Assert.Equal("/schema/deploy/mysql/apply-schema.sh", script);
        Assert.True(File.Exists(RepositoryPaths.Combine("deploy", "mysql", "apply-schema.sh")));

        foreach (var silo in Silos)
        {
            Assert.Equal("service_completed_successfully", _services[silo]["depends_on"]["mysql-schema"]["condition"].Required);
            Assert.Equal("service_completed_successfully", _services[silo]["depends_on"]["kafka-topics"]["condition"].Required);
        }
    }

    [Fact]
    public void Two_silos_use_AdoNet_clustering_advertise_their_own_names_and_reach_kafka_and_mysql()
    {
        var listeners = _services["kafka"]["environment"].Strings["KAFKA_ADVERTISED_LISTENERS"].Split(',');
        var topics = _services["kafka-topics"]["command"].Items.Single().Required;
        foreach (var name in Silos)
        {
            var silo = _services[name];
            var environment = silo["environment"].Strings;
            Assert.Equal("AdoNet", environment["Saga__Clustering"]);
            Assert.Equal(silo["hostname"].Required, environment["Saga__Silo__AdvertisedAddress"]);
            Assert.Contains(listeners, listener => listener.EndsWith($"://{environment["Saga__Kafka__BootstrapServers"]}", StringComparison.Ordinal));
            Assert.Contains($"--topic {environment["Saga__Kafka__Topic"]} ", topics, StringComparison.Ordinal);
            Assert.Contains($"--topic {environment["Saga__Kafka__DeadLetterTopic"]} ", topics, StringComparison.Ordinal);

            var mySql = ConnectionString(environment["ConnectionStrings__MySql"]);
            Assert.True(_services[mySql["Server"]].Exists, $"{name} connects to a MySQL service");
            Assert.Equal("True", mySql["AllowPublicKeyRetrieval"]);
        }

        Assert.Equal(_services["silo1"]["environment"].Strings["ConnectionStrings__MySql"], _services["cli"]["environment"].Strings["ConnectionStrings__MySql"]);
    }

    [Fact]
    public void Silo_ports_are_published_on_the_host_loopback_and_match_their_settings()
    {
        foreach (var name in Silos)
        {
            var environment = _services[name]["environment"].Strings;
            var published = Published(_services[name]);
            Assert.All(published, port => Assert.Equal("127.0.0.1", port.HostAddress));
            Assert.Contains(published, port => port.ContainerPort == environment["Saga__Silo__HttpPort"]);
            if (environment.TryGetValue("Saga__Dashboard__Port", out var dashboard))
            {
                Assert.Contains(published, port => port.ContainerPort == dashboard);
            }
        }

        Assert.All(_services.Entries.Values.SelectMany(Published), port => Assert.Equal("127.0.0.1", port.HostAddress));
    }

    [Fact]
    public void Every_setting_the_services_pass_is_in_the_configuration_reference()
    {
        foreach (var name in new[] { "silo1", "silo2", "cli" })
        {
            Assert.All(_services[name]["environment"].Strings.Keys, variable =>
                Assert.True(ConfigurationReference.Instance.Documents(variable), $"{name}: {variable} is not in docs/CONFIGURATION.md"));
        }
    }

    [Fact]
    public void Images_are_built_from_the_repository_Dockerfiles()
    {
        foreach (var (name, dockerfile) in new[] { ("silo1", "src/Silo/Dockerfile"), ("silo2", "src/Silo/Dockerfile"), ("cli", "src/Client/Dockerfile") })
        {
            var build = _services[name]["build"];
            Assert.Equal("..", build["context"].Required);
            Assert.Equal(dockerfile, build["dockerfile"].Required);
            Assert.True(File.Exists(RepositoryPaths.Combine(dockerfile.Split('/'))));
        }

        Assert.Equal(["cli"], _services["cli"]["profiles"].Items.Select(item => item.Required));
    }

    [Fact]
    public void No_credential_is_written_in_the_file()
    {
        foreach (var (name, service) in _services.Entries)
        {
            foreach (var (variable, value) in service["environment"].Strings)
            {
                var secret = variable.Contains("PASSWORD", StringComparison.Ordinal)
                    ? value
                    : value.Contains("Password=", StringComparison.OrdinalIgnoreCase) ? ConnectionString(value)["Password"] : null;
                if (secret is not null)
                {
                    Assert.Matches(@"^\$\{[A-Z_]+:\?[^}]+\}$", secret);
                }
            }
        }
    }

    private static Dictionary<string, string> ConnectionString(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<(string HostAddress, string HostPort, string ContainerPort)> Published(Node service) =>
        service["ports"].Items.Select(port => port.Required.Split(':')).Select(parts => parts.Length == 3
            ? (parts[0], parts[1], parts[2])
            : ("0.0.0.0", parts[0], parts[^1]));
}
