using System.Text;
using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Domain.Tests.Events;

public class EventDecoderTests
{
    private readonly EventDecoder _decoder = new();

    private DecodeResult Decode(string json) => _decoder.Decode(Encoding.UTF8.GetBytes(json));

    private void AssertRejected(string json, RejectionReason expected)
    {
        var result = Decode(json);
        Assert.False(result.IsSuccess, $"accepted: {json}");
        Assert.Equal(expected, result.Reason);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
        Assert.Null(result.Event);
    }

    [Fact]
    public void Decodes_a_complete_event()
    {
        var result = Decode("""{"id":"e-1","time":1700000000,"readers":42,"text":"Harry met Hermione"}""");

        Assert.True(result.IsSuccess);
        Assert.Equal(new SagaEvent("e-1", 1700000000, 42, "Harry met Hermione"), result.Event);
        Assert.Equal(string.Empty, result.Detail);
    }

    [Theory]
    [InlineData("""{"id":"a","time":1,"text":"x"}""")]
    [InlineData("""{"id":"a","time":1,"text":"x","readers":null}""")]
    public void Readers_is_optional(string json)
    {
        var result = Decode(json);
        Assert.True(result.IsSuccess);
        Assert.Null(result.Event.Readers);
    }

    [Fact]
    public void Field_order_does_not_matter_and_other_fields_are_ignored()
    {
        var result = Decode("""
            {"extra":{"deep":[1,[2,{"x":null}],"s"]},"text":"","flag":true,"time":0,"n":1.5e3,"id":"z","readers":0}
            """);

        Assert.True(result.IsSuccess);
        Assert.Equal(new SagaEvent("z", 0, 0, ""), result.Event);
    }

    [Fact]
    public void Escaped_property_names_are_recognised()
    {
        var result = Decode("""{"\u0069d":"a","time":5,"t\u0065xt":"x"}""");
        Assert.True(result.IsSuccess);
        Assert.Equal("a", result.Event.Id);
    }

    [Fact]
    public void Strings_are_unescaped_and_may_contain_nul_and_surrogate_pairs()
    {
        var result = Decode("""{"id":"\ud83d\ude00","time":1,"text":"a\u0000b \"q\" \ud83d\ude00 é"}""");

        Assert.True(result.IsSuccess);
        Assert.Equal("\U0001F600", result.Event.Id);
        Assert.Equal("a\0b \"q\" \U0001F600 é", result.Event.Text);
    }

    [Fact]
    public void Time_bounds_are_inclusive()
    {
        Assert.Equal(0, Decode("""{"id":"a","time":0,"text":""}""").Event?.Time);
        Assert.Equal(EventDecoder.MaxTime, Decode("""{"id":"a","time":253402300799,"text":""}""").Event?.Time);
        AssertRejected("""{"id":"a","time":253402300800,"text":""}""", RejectionReason.InvalidTime);
    }

    [Fact]
    public void Leading_bom_is_skipped()
    {
        var payload = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"id":"a","time":1,"text":"x"}""")).ToArray();
        Assert.True(_decoder.Decode(payload).IsSuccess);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"id\":\"a\",\"time\":1,\"text\":\"x\"")]
    [InlineData("""{"id":"a","time":1,"text":"x"} trailing""")]
    [InlineData("""{"id":"a","time":1,"text":"x"}{}""")]
    [InlineData("""{"id":"a","time":1,"text":"x",}""")]
    [InlineData("""{'id':'a'}""")]
    [InlineData("""{"id":"a" /* comment */,"time":1,"text":"x"}""")]
    [InlineData("""{"id":"a","time":01,"text":"x"}""")]
    [InlineData("""{"id":"a","time":NaN,"text":"x"}""")]
    [InlineData("not json")]
    [InlineData("[1,2")]
    [InlineData("\"unterminated")]
    public void Broken_json_is_malformed(string json) => AssertRejected(json, RejectionReason.MalformedJson);

    [Fact]
    public void A_syntax_error_after_a_mistyped_field_is_still_malformed()
        => AssertRejected("""{"time":"x","id":}""", RejectionReason.MalformedJson);

    [Fact]
    public void Nesting_beyond_the_reader_depth_is_malformed()
    {
        var deep = new string('[', 65) + new string(']', 65);
        AssertRejected($$"""{"id":"a","time":1,"text":"x","extra":{{deep}}}""", RejectionReason.MalformedJson);
    }

    [Fact]
    public void Nesting_within_the_reader_depth_is_skipped()
    {
        var deep = new string('[', 62) + new string(']', 62);
        Assert.True(Decode($$"""{"id":"a","time":1,"text":"x","extra":{{deep}}}""").IsSuccess);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"id":"a","time":1,"text":"x"}]""")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public void Top_level_values_other_than_objects_are_rejected(string json)
        => AssertRejected(json, RejectionReason.NotAnObject);

    [Theory]
    [InlineData("""{"time":1,"text":"x"}""", RejectionReason.MissingId)]
    [InlineData("""{"id":null,"time":1,"text":"x"}""", RejectionReason.InvalidId)]
    [InlineData("""{"id":"","time":1,"text":"x"}""", RejectionReason.InvalidId)]
    [InlineData("""{"id":7,"time":1,"text":"x"}""", RejectionReason.InvalidId)]
    [InlineData("""{"id":["a"],"time":1,"text":"x"}""", RejectionReason.InvalidId)]
    [InlineData("""{"id":{"v":"a"},"time":1,"text":"x"}""", RejectionReason.InvalidId)]
    [InlineData("""{"id":"\ud800","time":1,"text":"x"}""", RejectionReason.InvalidId)]
    [InlineData("""{"id":"a","text":"x"}""", RejectionReason.MissingTime)]
    [InlineData("""{"id":"a","time":"1","text":"x"}""", RejectionReason.InvalidTime)]
    [InlineData("""{"id":"a","time":null,"text":"x"}""", RejectionReason.InvalidTime)]
    [InlineData("""{"id":"a","time":1.5,"text":"x"}""", RejectionReason.InvalidTime)]
    [InlineData("""{"id":"a","time":1.0,"text":"x"}""", RejectionReason.InvalidTime)]
    [InlineData("""{"id":"a","time":1e3,"text":"x"}""", RejectionReason.InvalidTime)]
    [InlineData("""{"id":"a","time":-1,"text":"x"}""", RejectionReason.InvalidTime)]
    [InlineData("""{"id":"a","time":99999999999999999999,"text":"x"}""", RejectionReason.InvalidTime)]
    [InlineData("""{"id":"a","time":true,"text":"x"}""", RejectionReason.InvalidTime)]
    [InlineData("""{"id":"a","time":1}""", RejectionReason.MissingText)]
    [InlineData("""{"id":"a","time":1,"text":null}""", RejectionReason.InvalidText)]
    [InlineData("""{"id":"a","time":1,"text":5}""", RejectionReason.InvalidText)]
    [InlineData("""{"id":"a","time":1,"text":{"body":"x"}}""", RejectionReason.InvalidText)]
    [InlineData("""{"id":"a","time":1,"text":"\ud800"}""", RejectionReason.InvalidText)]
    [InlineData("""{"id":"a","time":1,"text":"x \udc00 y"}""", RejectionReason.InvalidText)]
    [InlineData("""{"id":"a","time":1,"text":"\ude00\ud83d"}""", RejectionReason.InvalidText)]
    [InlineData("""{"id":"a","time":1,"text":"x","readers":-1}""", RejectionReason.InvalidReaders)]
    [InlineData("""{"id":"a","time":1,"text":"x","readers":1.5}""", RejectionReason.InvalidReaders)]
    [InlineData("""{"id":"a","time":1,"text":"x","readers":2147483648}""", RejectionReason.InvalidReaders)]
    [InlineData("""{"id":"a","time":1,"text":"x","readers":"3"}""", RejectionReason.InvalidReaders)]
    [InlineData("""{"id":"a","time":1,"text":"x","readers":[3]}""", RejectionReason.InvalidReaders)]
    [InlineData("""{"id":"a","id":"b","time":1,"text":"x"}""", RejectionReason.DuplicateField)]
    [InlineData("""{"id":"a","time":1,"time":1,"text":"x"}""", RejectionReason.DuplicateField)]
    [InlineData("""{"id":"a","time":1,"text":"x","text":"y"}""", RejectionReason.DuplicateField)]
    [InlineData("""{"id":"a","time":1,"text":"x","readers":1,"readers":null}""", RejectionReason.DuplicateField)]
    [InlineData("""{"id":"a","\u0069d":"b","time":1,"text":"x"}""", RejectionReason.DuplicateField)]
    public void Field_rules_reject_with_their_reason(string json, RejectionReason reason) => AssertRejected(json, reason);

    [Fact]
    public void Ignored_fields_may_repeat()
        => Assert.True(Decode("""{"id":"a","time":1,"text":"x","tag":1,"tag":2}""").IsSuccess);

    [Fact]
    public void Readers_bounds_are_inclusive()
    {
        Assert.Equal(0, Decode("""{"id":"a","time":1,"text":"x","readers":0}""").Event?.Readers);
        Assert.Equal(int.MaxValue, Decode("""{"id":"a","time":1,"text":"x","readers":2147483647}""").Event?.Readers);
    }

    [Fact]
    public void The_first_problem_in_document_order_wins()
    {
        AssertRejected("""{"time":"x","id":5,"text":"y"}""", RejectionReason.InvalidTime);
        AssertRejected("""{"id":5,"time":"x"}""", RejectionReason.InvalidId);
    }

    [Fact]
    public void Details_say_what_is_wrong()
    {
        Assert.Equal("field 'time' is a string", Decode("""{"id":"a","time":"1","text":"x"}""").Detail);
        Assert.Equal("field 'text' appears more than once", Decode("""{"id":"a","time":1,"text":"x","text":"y"}""").Detail);
        Assert.Equal("payload is an array, not an object", Decode("[]").Detail);
    }

    [Fact]
    public void Payload_of_exactly_the_limit_is_accepted_and_one_byte_more_is_oversize()
    {
        var exact = PaddedEvent(EventDecoder.DefaultMaxBytes);
        Assert.Equal(1 << 20, exact.Length);
        Assert.True(_decoder.Decode(exact).IsSuccess);

        var over = PaddedEvent(EventDecoder.DefaultMaxBytes + 1);
        var result = _decoder.Decode(over);
        Assert.Equal(RejectionReason.Oversize, result.Reason);
        Assert.Contains("1048577", result.Detail);
    }

    [Fact]
    public void The_limit_applies_before_anything_else()
    {
        var decoder = new EventDecoder(maxBytes: 4);
        Assert.Equal(RejectionReason.Oversize, decoder.Decode("not json"u8).Reason);
        Assert.Equal(RejectionReason.NotAnObject, decoder.Decode("1234"u8).Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public void Invalid_utf8_anywhere_is_rejected(byte[] bad)
    {
        // In the text, in an ignored field, and outside any string.
        foreach (var (before, after) in new[]
        {
            ("{\"id\":\"a\",\"time\":1,\"text\":\"x", "\"}"),
            ("""{"id":"a","time":1,"text":"x","other":" """, "\"}"),
            ("""{"id":"a","time":1,"text":"x"} """, ""),
        })
        {
            var payload = Encoding.UTF8.GetBytes(before).Concat(bad).Concat(Encoding.UTF8.GetBytes(after)).ToArray();
            var result = _decoder.Decode(payload);
            Assert.Equal(RejectionReason.InvalidUtf8, result.Reason);
            Assert.Contains($"offset {before.Length}", result.Detail);
        }
    }

    private static byte[] PaddedEvent(int totalBytes)
    {
        const string Prefix = "{\"id\":\"big\",\"time\":1700000000,\"text\":\"";
        const string Suffix = "\"}";
        var padding = totalBytes - Prefix.Length - Suffix.Length;
        return Encoding.UTF8.GetBytes(Prefix + new string('a', padding) + Suffix);
    }
}
