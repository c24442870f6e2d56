using System.Globalization;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Scenario;

/// <summary>
/// The one-line result of a scenario. <c>fault</c> is how long the fault lasted (0 for a kill); <c>recovery</c> is
/// the time from the fault's end until every record written before that end was durably counted.
/// </summary>
public sealed record FaultReport(string Scenario, int Faults, TimeSpan Fault, TimeSpan Recovery, Verdict Verdict)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"scenario={Scenario} events={Verdict.Records} bad={Verdict.BadRecords} faults={Faults} lost={Verdict.Lost} double={Verdict.Doubled} "
        + $"windows={Verdict.ClosedPairs} dlq-duplicates={Verdict.DeadLetterDuplicates} broker-duplicates={Verdict.BrokerDuplicates} fault={Fault.TotalSeconds:F1}s recovery={Recovery.TotalSeconds:F1}s");
}
