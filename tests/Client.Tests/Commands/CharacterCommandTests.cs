using Orleans.Saga.Client.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Tests.Commands;

[Collection(ClusterCollection.Name)]
public sealed class CharacterCommandTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Json_gives_the_grains_count_per_saga_and_the_rank_in_the_top()
    {
        var leader = cluster.Expected.First(r => r.WindowStart == cluster.MidWindow && r.Rank == 1);
        var configuration = new Dictionary<string, string?> { ["Saga:Characters:Path"] = cluster.CharactersPath };

        // Typed in upper case: the CLI takes the spelling of the characters file.
        var result = await CliRun.RunAsync(
            cluster.Client,
            ["character", leader.Character.ToUpperInvariant(), "--window", "last", "--json"],
            configuration);

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = JsonOutput.Parse(result.Out);
        Assert.Equal(leader.Character, output.Text("character"));
        var windows = output.Items("windows").ToList();
        Assert.NotEmpty(windows);
        foreach (var window in windows)
        {
            var ranking = cluster.Client.GetGrain<IWindowRankingGrain>(window.Unix("start"), window.Text("saga"));
            Assert.Equal(await ranking.GetCount(leader.Character), window.GetProperty("count").GetInt64());
            var rank = (await ranking.GetLeaders(ClusterFixture.TopN)).Leaders.FirstOrDefault(l => l.Character == leader.Character)?.Rank;
            Assert.Equal(rank, (int?)window.NullableLong("rank"));
        }

        var inItsSaga = Assert.Single(windows, w => w.Text("saga") == leader.Label);
        Assert.Equal(cluster.MidWindow, inItsSaga.Unix("start"));
        Assert.Equal(leader.Count, inItsSaga.GetProperty("count").GetInt64());
        Assert.Equal(1, inItsSaga.NullableLong("rank"));
    }

    [Fact]
    public async Task An_unknown_name_counts_zero_everywhere()
    {
        var result = await CliRun.RunAsync(cluster.Client, "character", "Nobody At All");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Not mentioned.", result.Out, StringComparison.Ordinal);
        Assert.All(result.OutLines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
    }
}
