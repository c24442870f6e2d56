using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Orleans.Saga.Domain.Events;

/// <summary>
/// Decodes and validates one record value (a UTF-8 JSON object) into a <see cref="SagaEvent"/>.
/// A single forward pass with <see cref="Utf8JsonReader"/>: no document tree is built, only the
/// strings of the fields we keep are allocated. Thread-safe: the decoder holds no mutable state.
/// </summary>
public sealed class EventDecoder
{
    public const int DefaultMaxBytes = 1 << 20;

    /// <summary>The largest accepted <c>time</c>: 9999-12-31T23:59:59Z, the last second <see cref="DateTimeOffset"/> can hold.</summary>
    public const long MaxTime = 253_402_300_799;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    public EventDecoder(int maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxBytes = maxBytes;
    }

    public int MaxBytes { get; }

    public DecodeResult Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return DecodeResult.Reject(RejectionReason.Oversize, $"payload is {utf8.Length} bytes, the limit is {MaxBytes}");
        }

        var bomLength = utf8.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var json = utf8[bomLength..];

        // Utf8JsonReader only validates UTF-8 inside strings it decodes; check the whole payload up front
        // so that bad bytes in ignored fields are caught too and get their own reason.
        if (!Utf8.IsValid(json))
        {
            return DecodeResult.Reject(
                RejectionReason.InvalidUtf8,
                $"payload is not valid UTF-8 (first invalid byte at offset {bomLength + FirstInvalidUtf8Offset(json)})");
        }

        try
        {
            return DecodeJson(json);
        }
        catch (JsonException exception)
        {
            return DecodeResult.Reject(RejectionReason.MalformedJson, exception.Message);
        }
    }

    private static DecodeResult DecodeJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read())
        {
            return DecodeResult.Reject(RejectionReason.MalformedJson, "payload is empty");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = Describe(reader.TokenType);

            // Only a complete, well-formed value is "not an object"; anything broken is malformed.
            reader.Skip();
            return reader.Read()
                ? DecodeResult.Reject(RejectionReason.MalformedJson, "trailing data after the top-level value")
                : DecodeResult.Reject(RejectionReason.NotAnObject, $"payload is {kind}, not an object");
        }

        var fields = new EventFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            fields.Read(ref reader);
        }

        if (reader.Read())
        {
            return DecodeResult.Reject(RejectionReason.MalformedJson, "trailing data after the object");
        }

        return fields.ToResult();
    }

    private static int FirstInvalidUtf8Offset(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    /// <summary>The fields of one event object as they are read; the first problem found wins.</summary>
    private ref struct EventFields
    {
        private string? _id;
        private long? _time;
        private int? _readers;
        private string? _text;
        private Field _seen;
        private DecodeResult? _error;

        [Flags]
        private enum Field
        {
            None = 0,
            Id = 1,
            Time = 2,
            Text = 4,
            Readers = 8,
        }

        /// <summary>Reads one property: the reader is on its name and is left on the last token of its value.</summary>
        public void Read(ref Utf8JsonReader reader)
        {
            var field = reader.ValueTextEquals("id"u8) ? Field.Id
                : reader.ValueTextEquals("time"u8) ? Field.Time
                : reader.ValueTextEquals("text"u8) ? Field.Text
                : reader.ValueTextEquals("readers"u8) ? Field.Readers
                : Field.None;

            if (field == Field.None)
            {
                reader.Skip();
                return;
            }

            if ((_seen & field) != 0)
            {
                Fail(RejectionReason.DuplicateField, $"field '{NameOf(field)}' appears more than once");
                reader.Skip();
                return;
            }

            _seen |= field;
            reader.Read();
            switch (field)
            {
                case Field.Id:
                    ReadId(ref reader);
                    break;
                case Field.Time:
                    ReadTime(ref reader);
                    break;
                case Field.Text:
                    ReadText(ref reader);
                    break;
                case Field.Readers:
                    ReadReaders(ref reader);
                    break;
            }

            // A mistyped value may be an object or an array: step over the rest of it.
            reader.Skip();
        }

        public readonly DecodeResult ToResult()
        {
            if (_error is { } error)
            {
                return error;
            }

            if (_id is null)
            {
                return DecodeResult.Reject(RejectionReason.MissingId, "field 'id' is missing");
            }

            if (_time is not { } time)
            {
                return DecodeResult.Reject(RejectionReason.MissingTime, "field 'time' is missing");
            }

            if (_text is null)
            {
                return DecodeResult.Reject(RejectionReason.MissingText, "field 'text' is missing");
            }

            return DecodeResult.Success(new SagaEvent(_id, time, _readers, _text));
        }

        private void ReadId(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                Fail(RejectionReason.InvalidId, $"field 'id' is {Describe(reader.TokenType)}");
            }
            else if (!TryGetString(ref reader, out var id))
            {
                Fail(RejectionReason.InvalidId, "field 'id' is not valid UTF-16 (lone surrogate escape)");
            }
            else if (id.Length == 0)
            {
                Fail(RejectionReason.InvalidId, "field 'id' is empty");
            }
            else
            {
                _id = id;
            }
        }

        private void ReadTime(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                Fail(RejectionReason.InvalidTime, $"field 'time' is {Describe(reader.TokenType)}");
            }
            else if (!IsIntegerLiteral(ref reader))
            {
                Fail(RejectionReason.InvalidTime, "field 'time' is not an integer");
            }
            else if (!reader.TryGetInt64(out var time) || time < 0 || time > MaxTime)
            {
                Fail(RejectionReason.InvalidTime, $"field 'time' is out of range [0, {MaxTime}]");
            }
            else
            {
                _time = time;
            }
        }

        private void ReadText(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                Fail(RejectionReason.InvalidText, $"field 'text' is {Describe(reader.TokenType)}");
            }
            else if (!TryGetString(ref reader, out var text))
            {
                Fail(RejectionReason.InvalidText, "field 'text' is not valid UTF-16 (lone surrogate escape)");
            }
            else
            {
                _text = text;
            }
        }

        private void ReadReaders(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.Number)
            {
                Fail(RejectionReason.InvalidReaders, $"field 'readers' is {Describe(reader.TokenType)}");
            }
            else if (!IsIntegerLiteral(ref reader))
            {
                Fail(RejectionReason.InvalidReaders, "field 'readers' is not an integer");
            }
            else if (!reader.TryGetInt32(out var readers) || readers < 0)
            {
                Fail(RejectionReason.InvalidReaders, $"field 'readers' is out of range [0, {int.MaxValue}]");
            }
            else
            {
                _readers = readers;
            }
        }

        private void Fail(RejectionReason reason, string detail) => _error ??= DecodeResult.Reject(reason, detail);

        private static bool TryGetString(ref Utf8JsonReader reader, out string value)
        {
            try
            {
                value = reader.GetString()!;
                return true;
            }
            catch (InvalidOperationException)
            {
                // Thrown for escapes that decode to a lone surrogate, e.g. "\ud800".
                value = string.Empty;
                return false;
            }
        }

        /// <summary>JSON numbers with a fraction or exponent (1.0, 1e3) are not integers, whatever their value.</summary>
        private static bool IsIntegerLiteral(ref Utf8JsonReader reader)
        {
            // The reader is built over one contiguous span, so the value is never a sequence.
            return reader.ValueSpan.IndexOfAny(".eE"u8) < 0;
        }

        private static string NameOf(Field field) => field switch
        {
            Field.Id => "id",
            Field.Time => "time",
            Field.Text => "text",
            _ => "readers",
        };
    }
}
