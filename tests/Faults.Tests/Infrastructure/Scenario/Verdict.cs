namespace Orleans.Saga.Faults.Tests.Infrastructure.Scenario;

/// <summary>What a scenario's output held against its script.</summary>
/// <param name="Records">Records written to the topic.</param>
/// <param name="BrokerDuplicates">Records the broker stored twice although the producer is idempotent (judged as records).</param>
/// <param name="BadRecords">Of those, the ones the pipeline must dead-letter.</param>
/// <param name="ClosedPairs">(window, saga) pairs the stream closed, each compared row by row.</param>
/// <param name="Lost">Mentions in the recomputation that the final rows lack.</param>
/// <param name="Doubled">Mentions the final rows hold beyond the recomputation.</param>
/// <param name="NonFinalRows">Rows of closed windows left with <c>is_final = 0</c>.</param>
/// <param name="RowsMatch">The closed windows' rows equal the recomputed ones, ranks included.</param>
/// <param name="DeadLetters">Records in the dead-letter topic.</param>
/// <param name="DeadLetterDuplicates">Dead letters beyond one per bad record: replays after a crash.</param>
public sealed record Verdict(
    int Records,
    int BrokerDuplicates,
    int BadRecords,
    int ClosedPairs,
    long Lost,
    long Doubled,
    int NonFinalRows,
    bool RowsMatch,
    int DeadLetters,
    int DeadLetterDuplicates)
{
    /// <summary>Fewer closed (window, saga) pairs than this would prove little.</summary>
    public const int MinimumClosedPairs = 20;

    public void Assert()
    {
        Xunit.Assert.True(ClosedPairs >= MinimumClosedPairs, $"only {ClosedPairs} (window, saga) pairs closed: the scenario proves little");
        Xunit.Assert.True(Lost == 0 && Doubled == 0, $"{Lost} mentions lost and {Doubled} counted twice in the final rows");
        Xunit.Assert.True(NonFinalRows == 0, $"{NonFinalRows} rows of closed windows are not final");
        Xunit.Assert.True(RowsMatch, "the final rows differ from the recomputation (ranks)");
    }
}
