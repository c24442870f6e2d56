using System.Text.Json;
using Orleans.Saga.Client.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Tests.Commands;

[Collection(ClusterCollection.Name)]
public sealed class LeadersCommandTests(ClusterFixture cluster)
{
    [Theory]
    [InlineData("now")]
    [InlineData("last")]
    [InlineData("mid")]
    public async Task Json_equals_the_rows_the_grains_hold(string window)
    {
        var (argument, expectedStarts) = window switch
        {
            "now" => ("now", NewestPerSaga(open: true)),
            "last" => ("last", NewestPerSaga(open: false)),
            _ => (DateTimeOffset.FromUnixTimeSeconds(cluster.MidWindow + 42).ToString("O"), SagasIn(cluster.MidWindow)),
        };

        var result = await CliRun.RunAsync(cluster.Client, "leaders", "--window", argument, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var windows = JsonOutput.Parse(result.Out).Items("windows").ToList();
        Assert.Equal(expectedStarts, windows.Select(w => (w.Text("saga"), w.Unix("start"))).ToList());
        foreach (var json in windows)
        {
            var held = await cluster.Client.GetGrain<IWindowRankingGrain>(json.Unix("start"), json.Text("saga")).GetLeaders(ClusterFixture.TopN);
            AssertSameWindow(held, json);
            var recomputed = cluster.Expected.Where(r => r.WindowStart == held.Start && r.Label == held.Label).Select(r => (r.Character, r.Count, r.Rank));
            Assert.Equal(recomputed, held.Leaders.Select(l => (l.Character, l.Count, l.Rank)));
        }
    }

    [Fact]
    public async Task Saga_and_top_narrow_the_rows()
    {
        var result = await CliRun.RunAsync(cluster.Client, "leaders", "--saga", "star_wars", "--top", "2", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var window = Assert.Single(JsonOutput.Parse(result.Out).Items("windows"));
        Assert.Equal("star_wars", window.Text("saga"));
        Assert.Equal(cluster.NewestWindow, window.Unix("start"));
        var held = await cluster.Client.GetGrain<IWindowRankingGrain>(cluster.NewestWindow, "star_wars").GetLeaders(2);
        Assert.Equal(2, held.Leaders.Count);
        AssertSameWindow(held, window);
    }

    [Fact]
    public async Task Table_shows_each_saga_within_80_columns()
    {
        var result = await CliRun.RunAsync(cluster.Client, "leaders");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(result.OutLines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        foreach (var (saga, _) in NewestPerSaga(open: true))
        {
            var top = cluster.Expected.First(r => r.Label == saga && r.WindowStart == cluster.NewestWindow && r.Rank == 1);
            Assert.Contains(result.OutLines, line => line.Contains($"{saga} · ", StringComparison.Ordinal) && line.Contains("open", StringComparison.Ordinal));
            Assert.Contains(result.OutLines, line => line.Contains(top.Character, StringComparison.Ordinal) && line.Contains(top.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Watch_with_json_prints_a_document_per_refresh_until_ctrl_c()
    {
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromSeconds(2.5));

        var result = await CliRun.RunAsync(cluster.Client, ["leaders", "--watch", "--json"], cancellationToken: ctrlC.Token);

        Assert.True(result.ExitCode == 0, result.ToString());
        var documents = result.OutLines.Where(line => line.Length > 0).Select(JsonOutput.Parse).ToList();
        Assert.InRange(documents.Count, 2, 4);
        Assert.All(documents, d => Assert.Equal(NewestPerSaga(open: true), d.Items("windows").Select(w => (w.Text("saga"), w.Unix("start"))).ToList()));
    }

    [Fact]
    public async Task A_time_no_window_holds_gives_no_rows_and_says_so()
    {
        var before = DateTimeOffset.FromUnixTimeSeconds(cluster.OldWindow - 3600).ToString("O");

        var json = await CliRun.RunAsync(cluster.Client, "leaders", "--window", before, "--json");
        var table = await CliRun.RunAsync(cluster.Client, "leaders", "--window", before);

        Assert.Equal(0, json.ExitCode);
        Assert.Empty(JsonOutput.Parse(json.Out).Items("windows"));
        Assert.Equal(0, table.ExitCode);
        Assert.StartsWith("No window holds ", table.Out, StringComparison.Ordinal);
    }

    private static void AssertSameWindow(WindowLeaders held, JsonElement json)
    {
        Assert.Equal(held.Label, json.Text("saga"));
        Assert.Equal(held.Start, json.Unix("start"));
        Assert.Equal(held.End, json.Unix("end"));
        Assert.Equal(held.IsFinal, json.GetProperty("final").GetBoolean());
        Assert.Equal(held.Characters, json.GetProperty("characters").GetInt32());
        Assert.Equal(
            held.Leaders.Select(l => (l.Character, l.Count, l.Rank)),
            json.Items("leaders").Select(l => (l.Text("character"), l.GetProperty("count").GetInt64(), l.GetProperty("rank").GetInt32())));
    }

    /// <summary>Per saga (ordinal order), the newest window among the open or the final ones.</summary>
    private List<(string Saga, long Start)> NewestPerSaga(bool open)
    {
        var starts = open ? new[] { cluster.OpenWindow, cluster.NewestWindow } : [cluster.OldWindow, cluster.MidWindow];
        return cluster.Expected
            .Where(r => starts.Contains(r.WindowStart))
            .GroupBy(r => r.Label)
            .Select(g => (g.Key, g.Max(r => r.WindowStart)))
            .OrderBy(w => w.Key, StringComparer.Ordinal)
            .ToList();
    }

    private List<(string Saga, long Start)> SagasIn(long window) =>
        cluster.Expected.Where(r => r.WindowStart == window).Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).Select(s => (s, window)).ToList();
}
