using System.Text.Json;
using Orleans.Saga.Deploy.Tests.Infrastructure;

namespace Orleans.Saga.Deploy.Tests.Manifests;

/// <summary>
/// How the silo project publishes, read from MSBuild's evaluation of it: self-contained and precompiled with the .NET
/// runtime as one composite image whenever it is published (the container image, the benchmark), and
/// framework-dependent when it is only built (the build the tests run).
/// </summary>
public sealed class SiloPublishTests
{
    private static readonly TimeSpan EvaluationTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Publishing_makes_a_self_contained_composite_image_for_this_machine()
    {
        var published = await EvaluateAsync("-p:_IsPublishing=true");

        Assert.Equal("true", published["SelfContained"]);
        Assert.Equal("true", published["PublishReadyToRun"]);
        Assert.Equal("true", published["PublishReadyToRunComposite"]);
        Assert.StartsWith("linux-", published["RuntimeIdentifier"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_for_another_architecture_keeps_it_and_is_self_contained_too()
    {
        // The Dockerfile restores and publishes with -a "$TARGETARCH", which sets the runtime identifier.
        var published = await EvaluateAsync("-p:RuntimeIdentifier=linux-arm64");

        Assert.Equal("linux-arm64", published["RuntimeIdentifier"]);
        Assert.Equal("true", published["SelfContained"]);
        Assert.Equal("true", published["PublishReadyToRunComposite"]);
    }

    [Fact]
    public async Task A_build_stays_framework_dependent()
    {
        var built = await EvaluateAsync();

        Assert.NotEqual("true", built["SelfContained"]);
        Assert.NotEqual("true", built["PublishReadyToRunComposite"]);
        Assert.Equal(string.Empty, built["RuntimeIdentifier"]);
    }

    private static async Task<Dictionary<string, string>> EvaluateAsync(params string[] properties)
    {
        string[] names = ["SelfContained", "PublishReadyToRun", "PublishReadyToRunComposite", "RuntimeIdentifier"];
        var result = await ProcessRunner.RunAsync(
            "dotnet",
            ["msbuild", RepositoryPaths.Combine("src", "Silo", "Orleans.Saga.Silo.csproj"), "-p:Configuration=Release", .. properties, .. names.Select(name => $"-getProperty:{name}")],
            EvaluationTimeout);
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.StandardOutput);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetString() ?? string.Empty);
    }
}
