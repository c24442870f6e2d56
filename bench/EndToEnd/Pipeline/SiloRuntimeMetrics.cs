namespace Orleans.Saga.Bench.EndToEnd.Pipeline;

/// <summary>
/// The .NET runtime's own figures for a silo run, from its Prometheus endpoint at the end: time inside the JIT
/// (wall time, so more than its CPU when the cores are busy) and in garbage-collection pauses, which the process's CPU
/// time cannot tell apart, and how much the silo allocated.
/// </summary>
public sealed record SiloRuntimeMetrics(double JitSeconds, long JittedMethods, double GcPauseSeconds, long Gen2Collections, long AllocatedBytes)
{
    /// <summary>Sums the samples of the runtime's JIT and GC series.</summary>
    public static SiloRuntimeMetrics From(IEnumerable<PrometheusSample> samples)
    {
        double jit = 0, pause = 0;
        long methods = 0, gen2 = 0, allocated = 0;
        foreach (var (name, labels, value) in samples)
        {
            switch (name)
            {
                case "dotnet_jit_compilation_time_seconds_total": jit += value; break;
                case "dotnet_jit_compiled_methods_total": methods += (long)value; break;
                case "dotnet_gc_pause_time_seconds_total": pause += value; break;
                case "dotnet_gc_collections_total" when labels.Contains("gen2", StringComparison.Ordinal): gen2 += (long)value; break;
                case "dotnet_gc_heap_total_allocated_bytes_total": allocated += (long)value; break;
            }
        }

        return new SiloRuntimeMetrics(jit, methods, pause, gen2, allocated);
    }
}
