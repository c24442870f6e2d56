namespace Orleans.Saga.Persistence.Tests.Grains;

public sealed class LargeStateGrain([PersistentState("state", "Default")] IPersistentState<LargeState> state) : Grain, ILargeStateGrain
{
    public Task WriteAsync(string payload)
    {
        state.State.Payload = payload;
        return state.WriteStateAsync();
    }

    public async Task<string?> ReadFromStorageAsync()
    {
        await state.ReadStateAsync();
        return state.State.Payload;
    }

    public Task ClearAsync() => state.ClearStateAsync();
}
