using System.Text.Json.Serialization;

namespace Orleans.Saga.DevKafka.Control;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BrokerStatus))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
