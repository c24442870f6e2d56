namespace Orleans.Saga.Streaming.Kafka.Tests;

/// <summary>Applies to a partition's deliveries the rule a consumer grain uses to drop duplicates and detect gaps.</summary>
public static class PartitionReplay
{
    /// <summary>
    /// The offsets a consumer starting at <paramref name="start"/> accepts: a record continues its position when its
    /// PrecedingPosition equals it, is a duplicate when its offset is below it; anything else is a gap and fails.
    /// </summary>
    public static IReadOnlyList<long> Accepted(IEnumerable<Delivered> deliveries, long start)
    {
        var accepted = new List<long>();
        var position = start;
        foreach (var delivered in deliveries)
        {
            if (delivered.Offset < position)
            {
                continue;
            }

            Assert.True(
                delivered.PrecedingPosition == position,
                $"Gap: offset {delivered.Offset} reached from {delivered.PrecedingPosition}, consumer at {position}.");
            accepted.Add(delivered.Offset);
            position = delivered.Offset + 1;
        }

        return accepted;
    }

    public static IEnumerable<long> Range(long from, long toExclusive) => Enumerable.Range((int)from, (int)(toExclusive - from)).Select(i => (long)i);
}
