namespace Orleans.Saga.Client.Cli;

/// <summary>
/// A failure the user can act on: its message is the one line printed after <c>error:</c>, and it decides the exit
/// code. The inner exception is printed only with <c>--verbose</c>.
/// </summary>
public class CliException(int exitCode, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public int ExitCode { get; } = exitCode;
}
