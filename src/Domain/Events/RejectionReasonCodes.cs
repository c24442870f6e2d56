namespace Orleans.Saga.Domain.Events;

/// <summary>
/// Stable snake_case codes for <see cref="RejectionReason"/>: they travel in dead-letter headers and
/// metric labels, so they must never change when the enum is renamed or reordered.
/// </summary>
public static class RejectionReasonCodes
{
    private static readonly string[] Codes = BuildCodes();

    public static string ToCode(this RejectionReason reason)
    {
        var index = (int)reason;
        if ((uint)index >= (uint)Codes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown rejection reason.");
        }

        return Codes[index];
    }

    public static bool TryParse(string? code, out RejectionReason reason)
    {
        for (var i = 0; i < Codes.Length; i++)
        {
            if (string.Equals(Codes[i], code, StringComparison.Ordinal))
            {
                reason = (RejectionReason)i;
                return true;
            }
        }

        reason = default;
        return false;
    }

    private static string[] BuildCodes()
    {
        var codes = new string[Enum.GetValues<RejectionReason>().Length];
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            codes[(int)reason] = reason switch
            {
                RejectionReason.MalformedJson => "malformed_json",
                RejectionReason.NotAnObject => "not_an_object",
                RejectionReason.MissingId => "missing_id",
                RejectionReason.InvalidId => "invalid_id",
                RejectionReason.MissingTime => "missing_time",
                RejectionReason.InvalidTime => "invalid_time",
                RejectionReason.MissingText => "missing_text",
                RejectionReason.InvalidText => "invalid_text",
                RejectionReason.InvalidReaders => "invalid_readers",
                RejectionReason.DuplicateField => "duplicate_field",
                RejectionReason.Oversize => "oversize",
                RejectionReason.InvalidUtf8 => "invalid_utf8",
                RejectionReason.Late => "late",
                RejectionReason.Future => "future",
                RejectionReason.NoLabel => "no_label",
                RejectionReason.ClassifierError => "classifier_error",
                _ => throw new InvalidOperationException($"Rejection reason {reason} has no code."),
            };
        }

        return codes;
    }
}
