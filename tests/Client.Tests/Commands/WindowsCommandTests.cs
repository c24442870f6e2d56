using Orleans.Saga.Client.Tests.Infrastructure;
using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Tests.Commands;

[Collection(ClusterCollection.Name)]
public sealed class WindowsCommandTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Json_lists_every_known_window_with_its_row_count()
    {
        var result = await CliRun.RunAsync(cluster.Client, "windows", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var known = await cluster.Client.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key).GetWindows(null, null);
        var listed = JsonOutput.Parse(result.Out).Items("windows").ToList();
        Assert.Equal(known.Select(w => (w.Label, w.Start, w.End, w.IsFinal)), listed.Select(w => (w.Text("saga"), w.Unix("start"), w.Unix("end"), w.GetProperty("final").GetBoolean())));
        foreach (var window in listed)
        {
            var rows = cluster.Expected.Count(r => r.WindowStart == window.Unix("start") && r.Label == window.Text("saga"));
            Assert.Equal(rows, window.GetProperty("rows").GetInt32());
        }

        Assert.Equal(4, listed.Select(w => w.Unix("start")).Distinct().Count());
    }

    [Fact]
    public async Task Since_and_saga_filter_the_list()
    {
        var since = DateTimeOffset.FromUnixTimeSeconds(cluster.MidWindow + ClusterFixture.WindowSize).ToString("O");

        var result = await CliRun.RunAsync(cluster.Client, "windows", "--since", since, "--saga", "lord_of_the_rings", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var listed = JsonOutput.Parse(result.Out).Items("windows").ToList();
        Assert.Equal([(cluster.OpenWindow, false), (cluster.NewestWindow, false)], listed.Select(w => (w.Unix("start"), w.GetProperty("final").GetBoolean())));
        Assert.All(listed, w => Assert.Equal("lord_of_the_rings", w.Text("saga")));
    }

    [Fact]
    public async Task Table_fits_80_columns()
    {
        var result = await CliRun.RunAsync(cluster.Client, "windows");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(result.OutLines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains(result.OutLines, line => line.Contains("final", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, line => line.Contains("open", StringComparison.Ordinal));
    }
}
