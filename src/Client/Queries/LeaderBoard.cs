using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Queries;

/// <summary>The ranked characters of one (window, saga), as the ranking grain holds them.</summary>
/// <param name="Characters">How many characters the window counted, ranked or not.</param>
/// <param name="Updated">When the grain last wrote its rows; null before the first flush.</param>
public sealed record LeaderBoard(
    string Saga,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool Final,
    int Characters,
    DateTimeOffset? Updated,
    IReadOnlyList<Leader> Leaders)
{
    public static LeaderBoard From(WindowLeaders window) => new(
        window.Label,
        UnixTime.ToTime(window.Start),
        UnixTime.ToTime(window.End),
        window.IsFinal,
        window.Characters,
        window.UpdatedUtc,
        window.Leaders);
}
