using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Queries;

/// <summary>One character's count in the chosen window of each saga.</summary>
public sealed class CharacterQuery(IGrainFactory grains)
{
    public async Task<IReadOnlyList<CharacterCount>> GetAsync(string character, WindowChoice choice, int topN)
    {
        var windows = await WindowLookup.ChooseAsync(grains, saga: null, choice);
        return await Task.WhenAll(windows.Select(async window =>
        {
            var ranking = grains.GetGrain<IWindowRankingGrain>(window.Start, window.Label);
            var counting = ranking.GetCount(character);
            var leaders = await ranking.GetLeaders(topN);
            var rank = leaders.Leaders.FirstOrDefault(l => string.Equals(l.Character, character, StringComparison.Ordinal))?.Rank;
            return new CharacterCount(window.Label, UnixTime.ToTime(window.Start), UnixTime.ToTime(window.End), leaders.IsFinal, await counting, rank);
        }));
    }
}
