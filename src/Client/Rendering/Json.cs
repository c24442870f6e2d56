using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Saga.Client.Rendering;

/// <summary>
/// The <c>--json</c> output: camelCase names, ISO-8601 times, text as it is (no \u escapes for non-ASCII names).
/// Indented for one-shot commands, one line per document for streams (<c>leaders --watch --json</c>).
/// </summary>
public static class Json
{
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    public static void Write<T>(TextWriter output, T value, bool indented = true)
    {
        output.WriteLine(JsonSerializer.Serialize(value, indented ? Indented : Compact));
        output.Flush();
    }

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
