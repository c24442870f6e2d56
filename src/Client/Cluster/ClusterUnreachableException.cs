using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Saga.Client.Cli;
using Orleans.Saga.Client.Settings;

namespace Orleans.Saga.Client.Cluster;

/// <summary>No gateway of the cluster answered, or the cluster went away while the command ran.</summary>
public sealed class ClusterUnreachableException(string message, Exception? innerException = null)
    : CliException(ExitCodes.ClusterUnreachable, message, innerException)
{
    public static ClusterUnreachableException CannotConnect(ClusterSettings settings, Exception innerException)
    {
        // With a membership table the cause varies (database down, wrong password, no silo registered): say it.
        // With a fixed gateway it is always "nothing answers there", which the hint already covers.
        var reason = settings.Gateways.Count == 0 && settings.Clustering != ClusteringMode.Localhost
            ? $": {CliText.FirstLine(innerException.GetBaseException().Message).TrimEnd('.')}"
            : string.Empty;
        return new($"cannot reach the Orleans cluster at {settings.Describe()}{reason}. {Hint(settings)}", innerException);
    }

    public static ClusterUnreachableException Lost(Exception innerException) =>
        new($"lost the connection to the Orleans cluster ({CliText.FirstLine(innerException.Message).TrimEnd('.')}). Is the silo still running?", innerException);

    /// <summary>Whether a grain call failed because the cluster is gone rather than because of the call itself.</summary>
    public static bool IsConnectionLoss(Exception exception) =>
        exception is OrleansMessageRejectionException or ConnectionFailedException or TimeoutException;

    private static string Hint(ClusterSettings settings) =>
        settings.Gateways.Count > 0 ? "Is a silo running there? Check the address and the silo's Saga:Silo:GatewayPort."
        : settings.Clustering == ClusteringMode.Localhost ? "Is a silo running? Start one with scripts/run.sh or set Saga:Clustering."
        : "Is a silo running, and do ConnectionStrings:MySql and Saga:ClusterId match the silo's?";
}
