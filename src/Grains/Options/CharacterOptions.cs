using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Options;

/// <summary>Where the list of known characters lives (section <c>Saga:Characters</c>).</summary>
public sealed class CharacterOptions
{
    public const string SectionName = "Saga:Characters";

    /// <summary>The characters file; defaults to the one shipped next to the silo.</summary>
    public string Path { get; set; } = CharacterCatalog.DefaultPath;
}
