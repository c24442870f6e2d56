using System.Globalization;
using System.Runtime.InteropServices;

namespace Orleans.Saga.Bench.EndToEnd.Processes;

/// <summary>A process's CPU time (user + system) and memory, read from <c>/proc/PID</c> (Linux).</summary>
public readonly record struct ProcStat(TimeSpan CpuTime, long RssBytes, long PeakRssBytes)
{
    private static readonly long TicksPerSecond = ClockTicksPerSecond();

    public static ProcStat Read(int pid)
    {
        // /proc/PID/stat: "pid (comm) state ..."; comm may hold spaces, so count fields after the last ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);

        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return new ProcStat(TimeSpan.FromSeconds((double)ticks / TicksPerSecond), rss, peak);
    }

    /// <summary>CPU time the whole machine spent busy (all cores; user, system, interrupts, steal) since boot.</summary>
    public static TimeSpan MachineBusyTime()
    {
        // /proc/stat's first line: "cpu user nice system idle iowait irq softirq steal ...", in clock ticks.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var busy = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds((double)busy / TicksPerSecond);
    }

    public static bool TryRead(int pid, out ProcStat stat)
    {
        try
        {
            stat = Read(pid);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            stat = default;
            return false;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;

    private static long ClockTicksPerSecond()
    {
        const int ScClkTck = 2;
        var ticks = Sysconf(ScClkTck);
        return ticks > 0 ? ticks : 100;
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long Sysconf(int name);
}
