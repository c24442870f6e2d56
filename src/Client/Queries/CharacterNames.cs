using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Client.Queries;

/// <summary>
/// The grains count characters under their names as the characters file spells them. If the client can read the
/// same file, a name typed in another case is taken as the file spells it.
/// </summary>
public static class CharacterNames
{
    public static string Resolve(string typed, string charactersPath)
    {
        if (!File.Exists(charactersPath))
        {
            return typed;
        }

        var catalog = CharacterCatalog.Load(charactersPath);
        if (catalog.TryGetCharacter(typed, out _))
        {
            return typed;
        }

        var matches = catalog.Names.Where(name => string.Equals(name, typed.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : typed;
    }
}
