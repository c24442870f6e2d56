using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orleans.Saga.Deploy.Tests.Infrastructure;

namespace Orleans.Saga.Deploy.Tests.Manifests;

/// <summary>The silo and CLI Dockerfiles: multi-stage, non-root, small runtime images that run what the projects build.</summary>
public sealed partial class DockerfileTests
{
    /// <summary>The silo is published self-contained (its own executable on the runtime's native dependencies alone);
    /// the CLI framework-dependent.</summary>
    public static TheoryData<string, string, string> Images => new()
    {
        { "src/Silo/Dockerfile", "src/Silo/Orleans.Saga.Silo.csproj", "mcr.microsoft.com/dotnet/runtime-deps:" },
        { "src/Client/Dockerfile", "src/Client/Orleans.Saga.Client.csproj", "mcr.microsoft.com/dotnet/runtime:" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Builds_in_the_SDK_and_runs_as_a_non_root_user_on_a_chiseled_runtime(string dockerfile, string project, string runtimeImage)
    {
        var stages = Stages(dockerfile);
        Assert.True(stages.Count >= 2, "multi-stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", stages[0].Image, StringComparison.Ordinal);

        var runtime = stages[^1];
        Assert.StartsWith(runtimeImage, runtime.Image, StringComparison.Ordinal);
        Assert.EndsWith("-chiseled", runtime.Image, StringComparison.Ordinal);
        var user = runtime.Instructions.Last(instruction => instruction.Keyword == "USER").Arguments;
        Assert.DoesNotContain(user, new[] { "root", "0" });

        var assembly = XDocument.Load(RepositoryPaths.Combine(project.Split('/'))).Descendants("AssemblyName").Single().Value;
        var entrypoint = JsonSerializer.Deserialize<string[]>(runtime.Instructions.Single(instruction => instruction.Keyword == "ENTRYPOINT").Arguments)!;
        string[] expected = runtimeImage.Contains("runtime-deps", StringComparison.Ordinal) ? [$"./{assembly}"] : ["dotnet", $"{assembly}.dll"];
        Assert.Equal(expected, entrypoint);
        Assert.Contains(stages[0].Instructions, instruction => instruction.Keyword == "RUN" && instruction.Arguments.StartsWith($"dotnet publish {project}", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Restores_from_every_project_file_the_published_project_needs(string dockerfile, string project, string runtimeImage)
    {
        _ = runtimeImage;
        var build = Stages(dockerfile)[0].Instructions;
        var restore = build.FindIndex(instruction => instruction.Keyword == "RUN" && instruction.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var copied = build.Take(restore)
            .Where(instruction => instruction.Keyword == "COPY")
            .SelectMany(instruction => instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Directory.Packages.props", copied);
        Assert.Contains("Directory.Build.props", copied);
        Assert.All(ProjectClosure(project), needed => Assert.Contains(needed, copied));
    }

    [Fact]
    public void The_silo_image_exposes_the_default_ports_and_listens_beyond_loopback()
    {
        var runtime = Stages("src/Silo/Dockerfile")[^1].Instructions;
        var exposed = runtime.Where(instruction => instruction.Keyword == "EXPOSE").SelectMany(instruction => instruction.Arguments.Split(' ')).ToHashSet();
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("src", "Silo", "appsettings.json")));
        var silo = settings.RootElement.GetProperty("Saga").GetProperty("Silo");
        Assert.Equal(
            new HashSet<string> { $"{silo.GetProperty("SiloPort").GetInt32()}", $"{silo.GetProperty("GatewayPort").GetInt32()}", $"{silo.GetProperty("HttpPort").GetInt32()}" },
            exposed);
        Assert.Contains(runtime, instruction => instruction.Keyword == "ENV" && instruction.Arguments.Contains("Saga__Silo__HttpAddress=0.0.0.0", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Holds_no_credentials(string dockerfile, string project, string runtimeImage)
    {
        _ = (project, runtimeImage);
        Assert.All(Stages(dockerfile).SelectMany(stage => stage.Instructions).Where(instruction => instruction.Keyword is "ENV" or "ARG"), instruction =>
            Assert.DoesNotMatch(Credential(), instruction.Arguments));
    }

    [Fact]
    public void The_build_context_leaves_out_local_state_and_build_output()
    {
        var ignored = File.ReadAllLines(RepositoryPaths.Combine(".dockerignore")).Where(line => line.Length > 0 && line[0] != '#').ToHashSet();
        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", ".git/", ".local/", "deploy/.env" }, ignored);
        Assert.DoesNotContain(ignored, line => line.TrimEnd('/') is "src" or "Directory.Build.props" or "Directory.Packages.props");
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(RepositoryPaths.Combine(current.Split('/'))).Descendants("ProjectReference"))
            {
                var path = Path.GetRelativePath(RepositoryPaths.Root, Path.GetFullPath(Path.Combine(RepositoryPaths.Root, directory, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
                pending.Push(path.Replace('\\', '/'));
            }
        }

        return seen;
    }

    private static List<Stage> Stages(string dockerfile)
    {
        var stages = new List<Stage>();
        foreach (var instruction in Instructions(RepositoryPaths.Combine(dockerfile.Split('/'))))
        {
            if (instruction.Keyword == "FROM")
            {
                var image = instruction.Arguments.Split(' ').First(word => !word.StartsWith("--", StringComparison.Ordinal));
                stages.Add(new Stage(image.Replace("${DOTNET_VERSION}", "10.0", StringComparison.Ordinal), []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        return stages;
    }

    /// <summary>Instructions with continuation lines joined and comments dropped.</summary>
    private static IEnumerable<Instruction> Instructions(string path)
    {
        var pending = string.Empty;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            pending += line.EndsWith('\\') ? line[..^1] : line;
            if (line.EndsWith('\\'))
            {
                continue;
            }

            var parts = Regex.Replace(pending, @"\s+", " ").Split(' ', 2);
            pending = string.Empty;
            yield return new Instruction(parts[0].ToUpperInvariant(), parts.ElementAtOrDefault(1) ?? string.Empty);
        }
    }

    [GeneratedRegex("(?i)(password|secret|token|apikey|api_key)\\s*=\\s*\\S")]
    private static partial Regex Credential();

    private sealed record Instruction(string Keyword, string Arguments);

    private sealed record Stage(string Image, List<Instruction> Instructions);
}
