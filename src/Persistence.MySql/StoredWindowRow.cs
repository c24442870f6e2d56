namespace Orleans.Saga.Persistence.MySql;

/// <summary>A row of <c>seedtag.kafka_streams</c> as stored. All times are UTC.</summary>
public sealed record StoredWindowRow(
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string Label,
    string Character,
    long Count,
    int Rank,
    bool IsFinal,
    DateTimeOffset UpdatedAt);
