using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Domain.Classification;

/// <summary>Either a saga label or the reason (and a human-readable detail) no label could be given.</summary>
public readonly record struct ClassificationResult(string? Label, RejectionReason? Rejection, string? Detail)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Label))]
    public bool IsSuccess => Label is not null;

    public static ClassificationResult Success(string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        return new(label, null, null);
    }

    public static ClassificationResult Reject(RejectionReason reason, string detail) => new(null, reason, detail);
}
