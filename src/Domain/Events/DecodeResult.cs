namespace Orleans.Saga.Domain.Events;

/// <summary>Either a decoded <see cref="SagaEvent"/> or the reason (and a human-readable detail) it was rejected.</summary>
public readonly record struct DecodeResult
{
    private DecodeResult(SagaEvent? @event, RejectionReason reason, string detail)
    {
        Event = @event;
        Reason = reason;
        Detail = detail;
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Event))]
    public bool IsSuccess => Event is not null;

    public SagaEvent? Event { get; }

    /// <summary>Meaningful only when <see cref="IsSuccess"/> is false.</summary>
    public RejectionReason Reason { get; }

    /// <summary>Why the record was rejected, e.g. "field 'time' is a string"; empty on success.</summary>
    public string Detail { get; }

    public static DecodeResult Success(SagaEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return new(@event, default, string.Empty);
    }

    public static DecodeResult Reject(RejectionReason reason, string detail) => new(null, reason, detail ?? string.Empty);
}
