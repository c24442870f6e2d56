using Orleans.Saga.Domain.Characters;

namespace Orleans.Saga.Domain.Classification;

/// <summary>
/// Classifies without a service: each mentioned character votes for its saga, the saga with the
/// most votes wins, ties go to the ordinal-first saga name, and no votes give <see cref="UnknownLabel"/>.
/// Characters without a saga do not vote.
/// </summary>
public sealed class EmbeddedClassifier : ISagaClassifier
{
    public const string UnknownLabel = "unknown";

    private readonly CharacterCatalog _catalog;

    public EmbeddedClassifier(CharacterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    public ValueTask<ClassificationResult> ClassifyAsync(
        string text,
        IReadOnlyList<string> mentionedCharacters,
        CancellationToken cancellationToken)
        => ValueTask.FromResult(ClassificationResult.Success(Classify(mentionedCharacters)));

    public string Classify(IReadOnlyList<string> mentionedCharacters)
    {
        ArgumentNullException.ThrowIfNull(mentionedCharacters);

        var votes = new Dictionary<string, int>(StringComparer.Ordinal);
        string? best = null;
        var bestVotes = 0;
        foreach (var name in mentionedCharacters)
        {
            if (!_catalog.TryGetCharacter(name, out var character) || character.Saga is not { } saga)
            {
                continue;
            }

            var count = votes[saga] = votes.GetValueOrDefault(saga) + 1;
            if (count > bestVotes || (count == bestVotes && string.CompareOrdinal(saga, best) < 0))
            {
                best = saga;
                bestVotes = count;
            }
        }

        return best ?? UnknownLabel;
    }
}
