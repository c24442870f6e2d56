using Orleans.Saga.Domain.Characters;
using Orleans.Saga.Domain.Classification;

namespace Orleans.Saga.Bench.EndToEnd.Workload;

/// <summary>
/// What the silo will make of a text, computed with the same domain classes: the characters it mentions and the
/// embedded classifier's label. The expected rows come from it, and so do the local classifier service's answers.
/// </summary>
public sealed class TextLabeler
{
    private readonly CharacterMatcher _matcher;
    private readonly EmbeddedClassifier _classifier;

    public TextLabeler(CharacterCatalog catalog)
    {
        Catalog = catalog;
        _matcher = new CharacterMatcher(catalog.Names);
        _classifier = new EmbeddedClassifier(catalog);
    }

    public CharacterCatalog Catalog { get; }

    public LabelledText Label(string text)
    {
        var ids = new List<int>();
        _matcher.FindMentions(text, ids);
        var characters = ids.ConvertAll(_matcher.NameOf).ToArray();
        return new LabelledText(text, characters.Length == 0 ? null : _classifier.Classify(characters), characters);
    }
}

/// <summary>A text, the characters it mentions, and its saga (null when it mentions none: it adds no row).</summary>
public sealed record LabelledText(string Text, string? Label, string[] Characters);
