namespace Orleans.Saga.Health;

/// <summary>What one silo found when it checked the pipeline's dependencies.</summary>
/// <param name="Silo">The silo that ran the check.</param>
/// <param name="Classifier">The saga classifier.</param>
/// <param name="Database">The MySQL database that holds grain state and the window rows.</param>
/// <param name="Kafka">The Kafka broker the events come from.</param>
/// <param name="CheckedUtc">When the check ran.</param>
[GenerateSerializer, Immutable]
public sealed record HealthReport(
    [property: Id(0)] string Silo,
    [property: Id(1)] ClassifierHealth Classifier,
    [property: Id(2)] DatabaseHealth Database,
    [property: Id(3)] BrokerHealth Kafka,
    [property: Id(4)] DateTimeOffset CheckedUtc);

/// <summary>The classifier in use and whether it answers.</summary>
/// <param name="Kind"><c>embedded</c> or <c>http</c>.</param>
/// <param name="Healthy">Whether it classified a probe text.</param>
/// <param name="Detail">A short human explanation, e.g. the URL and latency, or the error.</param>
[GenerateSerializer, Immutable]
public sealed record ClassifierHealth(
    [property: Id(0)] string Kind,
    [property: Id(1)] bool Healthy,
    [property: Id(2)] string Detail);

/// <summary>Whether the database answers.</summary>
[GenerateSerializer, Immutable]
public sealed record DatabaseHealth(
    [property: Id(0)] bool Healthy,
    [property: Id(1)] string Detail);

/// <summary>Whether the Kafka broker can be reached.</summary>
[GenerateSerializer, Immutable]
public sealed record BrokerHealth(
    [property: Id(0)] bool Reachable,
    [property: Id(1)] string Detail);
