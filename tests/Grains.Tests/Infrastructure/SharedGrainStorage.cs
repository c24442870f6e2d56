using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>
/// Grain storage shared by every silo of one test cluster and kept outside them, like a database: a killed silo loses
/// only what its activations had not written. Versions are checked as by the ADO.NET storage.
/// </summary>
public sealed class SharedGrainStorage(TestStores stores, DeepCopier copier) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), Entry> entries = stores.GrainStates;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (entries.TryGetValue((stateName, grainId), out var entry))
        {
            grainState.State = copier.Copy((T)entry.State);
            grainState.ETag = entry.Version.ToString();
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stores.WriteDelay > TimeSpan.Zero)
        {
            await Task.Delay(stores.WriteDelay);
        }

        var key = (stateName, grainId);
        lock (entries)
        {
            if (stores.FailingWrites > 0)
            {
                stores.FailingWrites--;
                throw new IOException("A grain-state write failed as the test asked.");
            }

            var version = entries.TryGetValue(key, out var entry) ? entry.Version : 0;
            if (grainState.ETag != (entry is null ? null : version.ToString()))
            {
                throw new InconsistentStateException($"Stored version {version}, written over {grainState.ETag ?? "none"}.", version.ToString(), grainState.ETag);
            }

            entries[key] = new Entry(copier.Copy(grainState.State)!, version + 1);
            grainState.ETag = (version + 1).ToString();
            grainState.RecordExists = true;
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        entries.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public sealed record Entry(object State, int Version);
}
