using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Saga.Grains.Tests.HostileInput;

/// <summary>One record of the hostile-input corpus (Corpus/hostile-records.json) and what must become of it.</summary>
public sealed record HostileRecordCase(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("valueBase64")] string? ValueBase64,
    [property: JsonPropertyName("expect")] string Expect,
    [property: JsonPropertyName("mentions")] string[]? Mentions)
{
    public const string Counted = "counted";

    public byte[] Bytes => ValueBase64 is not null ? Convert.FromBase64String(ValueBase64) : Encoding.UTF8.GetBytes(Value ?? string.Empty);

    public static IReadOnlyList<HostileRecordCase> Load() =>
        JsonSerializer.Deserialize<List<HostileRecordCase>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "hostile-records.json")))!;

    public override string ToString() => Name;
}
