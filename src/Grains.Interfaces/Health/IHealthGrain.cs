namespace Orleans.Saga.Health;

/// <summary>
/// Checks the services the pipeline depends on, as seen from the silo that runs the check: the classifier, the
/// database and the Kafka broker. Meant to be a <c>[StatelessWorker]</c>: any silo may answer, and a slow check
/// never queues behind another.
/// </summary>
public interface IHealthGrain : IGrainWithIntegerKey
{
    /// <summary>The key to call it with; a stateless worker needs no other.</summary>
    public const long Key = 0;

    Task<HealthReport> Check();
}
