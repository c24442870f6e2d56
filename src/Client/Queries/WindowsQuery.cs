using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Queries;

/// <summary>Every window the index knows (open ones and the recent final ones), with row counts from the ranking grains.</summary>
public sealed class WindowsQuery(IGrainFactory grains)
{
    /// <summary>Ranking grains asked at once: enough to be quick, few enough not to flood a small cluster.</summary>
    private const int Concurrency = 16;

    public async Task<IReadOnlyList<WindowSummary>> GetAsync(string? saga, DateTimeOffset? since, int topN, CancellationToken cancellationToken)
    {
        var windows = await grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key).GetWindows(saga, since?.ToUnixTimeSeconds());
        var summaries = new WindowSummary[windows.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, windows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var window = windows[i];
                var leaders = await grains.GetGrain<IWindowRankingGrain>(window.Start, window.Label).GetLeaders(topN);
                summaries[i] = new WindowSummary(
                    window.Label,
                    UnixTime.ToTime(window.Start),
                    UnixTime.ToTime(window.End),
                    leaders.IsFinal,
                    leaders.Leaders.Count,
                    leaders.Characters);
            });
        return summaries;
    }
}
