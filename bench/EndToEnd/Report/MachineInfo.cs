using System.Runtime.InteropServices;

namespace Orleans.Saga.Bench.EndToEnd.Report;

/// <summary>The machine the figures were measured on, in one line.</summary>
public static class MachineInfo
{
    /// <summary>The 1-, 5- and 15-minute load averages: on a shared machine, what else was running.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), "
            + $"{memory:0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
