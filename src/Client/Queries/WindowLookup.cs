using Orleans.Saga.Windows;

namespace Orleans.Saga.Client.Queries;

/// <summary>Asks the window index which windows a <see cref="WindowChoice"/> means.</summary>
public static class WindowLookup
{
    public static async Task<IReadOnlyList<WindowInfo>> ChooseAsync(IGrainFactory grains, string? saga, WindowChoice choice)
    {
        var known = await grains.GetGrain<IWindowIndexGrain>(IWindowIndexGrain.Key).GetWindows(saga, choice.Since);
        return choice.Select(known);
    }
}
