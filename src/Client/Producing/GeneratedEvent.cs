using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Saga.Client.Producing;

/// <summary>A generated event and the characters it was written to mention.</summary>
public sealed record GeneratedEvent(
    string Id,
    long Time,
    int Readers,
    string Text,
    [property: JsonIgnore] IReadOnlyList<string> Characters)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The record value: <c>{"id": …, "time": …, "readers": …, "text": …}</c> on one line.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public OutgoingEvent ToOutgoing() => new(Id, ToJson());
}
