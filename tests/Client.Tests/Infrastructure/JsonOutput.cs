using System.Text.Json;

namespace Orleans.Saga.Client.Tests.Infrastructure;

/// <summary>Reads the CLI's documented JSON by property name, so that a renamed field fails the tests.</summary>
public static class JsonOutput
{
    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static long Unix(this JsonElement element, string property) =>
        DateTimeOffset.Parse(element.GetProperty(property).GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static IEnumerable<JsonElement> Items(this JsonElement element, string property) => element.GetProperty(property).EnumerateArray();

    public static long? NullableLong(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetInt64();
}
