using System.Globalization;
using System.Runtime.InteropServices;

namespace Orleans.Saga.Bench.EndToEnd.Processes;

/// <summary>
/// Runs this process's threads at the lowest scheduling priority (nice 19) while it observes a pipeline run, so that
/// its status polls and its Orleans client's JIT compilation (about 3 CPU s in a 1 M run at normal priority) take only
/// CPU the measured processes leave idle: the limit consumer runs with this process idle, and the pipeline should
/// too. Linux sets niceness per thread, so every thread is lowered, and every thread there is at the end (new ones
/// inherit it) is put back. Putting it back needs root (CAP_SYS_NICE); without it the priority is left alone, as the
/// latency phase after it must not run starved.
/// </summary>
public sealed class ObserverPriority : IDisposable
{
    private const int Lowest = 19;
    private const int PrioProcess = 0;
    private readonly int _original;

    private ObserverPriority(int original)
    {
        _original = original;
        SetAll(Lowest);
    }

    /// <summary>Lowers the priority, or returns null (leaving it as it is) when it could not be put back.</summary>
    public static ObserverPriority? TryLower() =>
        Environment.IsPrivilegedProcess ? new ObserverPriority(GetPriority(PrioProcess, Environment.ProcessId)) : null;

    public void Dispose() => SetAll(_original);

    private static void SetAll(int nice)
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            // A thread may exit between the listing and the call: nothing to set then.
            _ = SetPriority(PrioProcess, int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), nice);
        }
    }

    [DllImport("libc", EntryPoint = "getpriority")]
    private static extern int GetPriority(int which, int who);

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int prio);
}
