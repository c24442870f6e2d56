namespace Orleans.Saga.Domain.Events;

/// <summary>Why a record was not counted. Each reason has a stable wire code (see <see cref="RejectionReasonCodes"/>).</summary>
public enum RejectionReason
{
    MalformedJson,
    NotAnObject,
    MissingId,
    InvalidId,
    MissingTime,
    InvalidTime,
    MissingText,
    InvalidText,
    InvalidReaders,
    DuplicateField,
    Oversize,
    InvalidUtf8,
    Late,
    Future,
    NoLabel,
    ClassifierError,
}
