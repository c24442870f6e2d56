using System.Net.Sockets;
using MySqlConnector;

namespace Orleans.Saga.Persistence.MySql;

/// <summary>
/// Tells errors that may pass by themselves (retry later) from errors that will not (bad data,
/// missing rights, broken schema), which must not be retried forever.
/// </summary>
internal static class MySqlTransientErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        MySqlException mySql => mySql.IsTransient || IsTransient(mySql.ErrorCode) || IsConnectionFailure(mySql.InnerException),
        _ => IsConnectionFailure(exception),
    };

    private static bool IsTransient(MySqlErrorCode errorCode) => errorCode switch
    {
        // Refused or lost connections, server restarts and overload.
        MySqlErrorCode.UnableToConnectToHost
            or MySqlErrorCode.ServerShutdown
            or MySqlErrorCode.ConnectionCountError
            or MySqlErrorCode.TooManyUserConnections
            or MySqlErrorCode.AbortingConnection
            or MySqlErrorCode.NewAbortingConnection
            or MySqlErrorCode.NetReadError
            or MySqlErrorCode.NetReadInterrupted
            or MySqlErrorCode.NetWriteInterrupted
            or MySqlErrorCode.ClientInteractionTimeout
            // Contention: the same statement can succeed once the other transaction is done.
            or MySqlErrorCode.LockDeadlock
            or MySqlErrorCode.LockWaitTimeout
            or MySqlErrorCode.QueryInterrupted
            or MySqlErrorCode.CommandTimeoutExpired
            // A primary that is being failed over runs read-only for a while.
            or MySqlErrorCode.OptionPreventsStatement
            or MySqlErrorCode.InnodbReadOnly => true,
        _ => false,
    };

    private static bool IsConnectionFailure(Exception? exception) =>
        exception is IOException or SocketException or EndOfStreamException or TimeoutException;
}
