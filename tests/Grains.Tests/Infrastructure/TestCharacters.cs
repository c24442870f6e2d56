namespace Orleans.Saga.Grains.Tests.Infrastructure;

/// <summary>
/// A small characters file for pipeline tests: three sagas, overlapping names, accents, a name without a saga, and
/// names made of regex and SQL metacharacters.
/// </summary>
public static class TestCharacters
{
    public static readonly (string Name, string? Saga)[] All =
    [
        ("Harry Potter", "harry_potter"),
        ("Harry", "harry_potter"),
        ("Hermione Granger", "harry_potter"),
        ("Ron Weasley", "harry_potter"),
        ("Albus Dumbledore", "harry_potter"),
        ("Luke Skywalker", "star_wars"),
        ("Luke", "star_wars"),
        ("Darth Vader", "star_wars"),
        ("Leia Organa", "star_wars"),
        ("Han Solo", "star_wars"),
        ("Frodo Baggins", "lord_of_the_rings"),
        ("Gandalf", "lord_of_the_rings"),
        ("Samwise Gamgee", "lord_of_the_rings"),
        ("Aragorn", "lord_of_the_rings"),
        ("Gollum", "lord_of_the_rings"),
        ("Élodie Noël", "lord_of_the_rings"),
        ("The Narrator", null),
        ("[Bracket]+?", "lord_of_the_rings"),
        ("O'Neil; DROP TABLE kafka_streams;--", "star_wars"),
    ];

    public static string WriteFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"saga-characters-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, ["# characters for Orleans.Saga pipeline tests", "", .. All.Select(c => c.Saga is null ? c.Name : $"{c.Name}\t{c.Saga}")]);
        return path;
    }
}
