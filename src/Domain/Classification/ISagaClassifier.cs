namespace Orleans.Saga.Domain.Classification;

/// <summary>Labels a text with the saga it belongs to.</summary>
public interface ISagaClassifier
{
    /// <summary>
    /// Classifies <paramref name="text"/>. A classifier that cannot answer yet keeps trying until
    /// <paramref name="cancellationToken"/> fires: it never skips or guesses. A rejection means the text
    /// can never get a label and should be dead-lettered.
    /// </summary>
    /// <param name="mentionedCharacters">The characters the text mentions, for classifiers that vote with them.</param>
    ValueTask<ClassificationResult> ClassifyAsync(
        string text,
        IReadOnlyList<string> mentionedCharacters,
        CancellationToken cancellationToken);
}
