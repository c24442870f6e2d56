namespace Orleans.Saga.Persistence.MySql;

/// <summary>
/// The window store could not complete an operation for a reason that may pass: the server is
/// unreachable or went away, or the statement hit a deadlock, a lock wait timeout or a command
/// timeout. Nothing was committed; retry the same operation later.
/// </summary>
public sealed class WindowStoreUnavailableException : Exception
{
    public WindowStoreUnavailableException()
    {
    }

    public WindowStoreUnavailableException(string message)
        : base(message)
    {
    }

    public WindowStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
