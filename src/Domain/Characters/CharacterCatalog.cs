namespace Orleans.Saga.Domain.Characters;

/// <summary>
/// The characters file: one name a line, optionally followed by a TAB and the character's saga.
/// Names and sagas are trimmed; blank lines and lines starting with <c>#</c> are ignored; a name
/// listed twice keeps its first line.
/// </summary>
public sealed class CharacterCatalog
{
    public const string DefaultFileName = "characters.txt";

    private readonly Dictionary<string, Character> _byName;

    private CharacterCatalog(List<Character> characters, Dictionary<string, Character> byName)
    {
        Characters = characters;
        _byName = byName;
        Names = characters.ConvertAll(c => c.Name);
        Sagas = characters
            .Where(c => c.Saga is not null)
            .Select(c => c.Saga!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The file shipped next to the application.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, DefaultFileName);

    /// <summary>The characters in file order; a character's index here is its id in <see cref="CharacterMatcher"/>.</summary>
    public IReadOnlyList<Character> Characters { get; }

    /// <summary>The names of <see cref="Characters"/>, in the same order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The distinct saga names, ordinal order.</summary>
    public IReadOnlyList<string> Sagas { get; }

    public bool TryGetCharacter(string name, out Character character)
        => _byName.TryGetValue(name, out character!);

    public static CharacterCatalog Load(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path);
    }

    public static CharacterCatalog Parse(TextReader reader) => Parse(reader, "characters");

    private static CharacterCatalog Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);

        var characters = new List<Character>();
        var byName = new Dictionary<string, Character>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                continue;
            }

            var character = ParseLine(line, source, lineNumber);
            if (byName.TryAdd(character.Name, character))
            {
                characters.Add(character);
            }
        }

        return new CharacterCatalog(characters, byName);
    }

    private static Character ParseLine(string line, string source, int lineNumber)
    {
        var tab = line.IndexOf('\t');
        var name = (tab < 0 ? line : line[..tab]).Trim();
        var saga = tab < 0 ? null : line[(tab + 1)..].Trim();

        if (name.Length == 0)
        {
            throw Invalid(source, lineNumber, "the name before the tab is empty");
        }

        if (saga is not null && saga.Contains('\t'))
        {
            throw Invalid(source, lineNumber, "more than one tab; expected 'name<TAB>saga'");
        }

        if (ContainsControlCharacter(name) || (saga is not null && ContainsControlCharacter(saga)))
        {
            throw Invalid(source, lineNumber, "contains a control character");
        }

        return new Character(name, string.IsNullOrEmpty(saga) ? null : saga);
    }

    private static bool ContainsControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static FormatException Invalid(string source, int lineNumber, string problem)
        => new($"{source}, line {lineNumber}: {problem}.");
}
