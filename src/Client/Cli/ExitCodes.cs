namespace Orleans.Saga.Client.Cli;

/// <summary>The process exit codes of <c>saga</c>; docs/CLI.md lists them for users.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Anything unexpected, including deliveries that Kafka refused for another reason than reachability.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments: unknown command or option, a value that does not parse, a missing one.</summary>
    public const int Usage = 2;

    /// <summary>No silo gateway answered, or the cluster went away during the command.</summary>
    public const int ClusterUnreachable = 3;

    /// <summary>The Kafka broker did not answer.</summary>
    public const int BrokerUnreachable = 4;

    /// <summary>Interrupted by Ctrl-C (128 + SIGINT), except for <c>--watch</c>, where Ctrl-C is the normal way out.</summary>
    public const int Interrupted = 130;
}
