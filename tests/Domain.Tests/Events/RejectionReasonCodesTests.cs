using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Domain.Tests.Events;

public class RejectionReasonCodesTests
{
    [Theory]
    [InlineData(RejectionReason.MalformedJson, "malformed_json")]
    [InlineData(RejectionReason.NotAnObject, "not_an_object")]
    [InlineData(RejectionReason.MissingId, "missing_id")]
    [InlineData(RejectionReason.InvalidId, "invalid_id")]
    [InlineData(RejectionReason.MissingTime, "missing_time")]
    [InlineData(RejectionReason.InvalidTime, "invalid_time")]
    [InlineData(RejectionReason.MissingText, "missing_text")]
    [InlineData(RejectionReason.InvalidText, "invalid_text")]
    [InlineData(RejectionReason.InvalidReaders, "invalid_readers")]
    [InlineData(RejectionReason.DuplicateField, "duplicate_field")]
    [InlineData(RejectionReason.Oversize, "oversize")]
    [InlineData(RejectionReason.InvalidUtf8, "invalid_utf8")]
    [InlineData(RejectionReason.Late, "late")]
    [InlineData(RejectionReason.Future, "future")]
    [InlineData(RejectionReason.NoLabel, "no_label")]
    [InlineData(RejectionReason.ClassifierError, "classifier_error")]
    public void Codes_are_stable_and_round_trip(RejectionReason reason, string code)
    {
        Assert.Equal(code, reason.ToCode());
        Assert.True(RejectionReasonCodes.TryParse(code, out var parsed));
        Assert.Equal(reason, parsed);
    }

    [Fact]
    public void Every_reason_has_a_distinct_code()
    {
        var codes = Enum.GetValues<RejectionReason>().Select(r => r.ToCode()).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("MalformedJson")]
    [InlineData("LATE")]
    public void Unknown_codes_do_not_parse(string? code) => Assert.False(RejectionReasonCodes.TryParse(code!, out _));

    [Fact]
    public void Undefined_values_throw() => Assert.Throws<ArgumentOutOfRangeException>(() => ((RejectionReason)99).ToCode());
}
