using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Bench.Micro.Data;

/// <summary>The characters file the silo ships with (copied next to every project that references the domain).</summary>
public static class ShippedCharacters
{
    public static CharacterCatalog Load() => CharacterCatalog.Load(CharacterCatalog.DefaultPath);
}
