using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Queries;

/// <summary>The leader boards of the chosen window of each saga, straight from the ranking grains.</summary>
public sealed class LeadersQuery(IGrainFactory grains)
{
    public async Task<IReadOnlyList<LeaderBoard>> GetAsync(string? saga, WindowChoice choice, int top)
    {
        var windows = await WindowLookup.ChooseAsync(grains, saga, choice);
        var boards = await Task.WhenAll(windows.Select(w => grains.GetGrain<IWindowRankingGrain>(w.Start, w.Label).GetLeaders(top)));
        return boards.Select(LeaderBoard.From).ToList();
    }
}
