using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Silos;

/// <summary>POSIX signals to a process of ours, by its PID.</summary>
internal static class Signals
{
    public const int Kill = 9;
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    public static void Send(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({pid}, {signal}) failed");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
