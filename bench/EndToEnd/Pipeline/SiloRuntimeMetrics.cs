using System.Globalization;

namespace Orleans.Saga.Bench.EndToEnd.Pipeline;

/// <summary>
/// The .NET runtime's own figures for a silo run, read from its Prometheus endpoint at the end: time inside the JIT
/// (wall time, so more than its CPU when the cores are busy) and in garbage-collection pauses, which the process's CPU
/// time cannot tell apart, and how much the silo allocated.
/// </summary>
public sealed record SiloRuntimeMetrics(double JitSeconds, long JittedMethods, double GcPauseSeconds, long Gen2Collections, long AllocatedBytes)
{
    public static async Task<SiloRuntimeMetrics?> TryReadAsync(SiloSettings settings, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{settings.HttpPort}/metrics"), cancellationToken);
            return Parse(text);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Sums the samples of the runtime's JIT and GC series in Prometheus text format.</summary>
    public static SiloRuntimeMetrics Parse(string text)
    {
        double jit = 0, pause = 0;
        long methods = 0, gen2 = 0, allocated = 0;
        foreach (var line in text.Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.StartsWith('#') || space < 0)
            {
                continue;
            }

            var name = line[..Math.Max(0, line.IndexOfAny([' ', '{']))];
            if (!double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            switch (name)
            {
                case "dotnet_jit_compilation_time_seconds_total": jit += value; break;
                case "dotnet_jit_compiled_methods_total": methods += (long)value; break;
                case "dotnet_gc_pause_time_seconds_total": pause += value; break;
                case "dotnet_gc_collections_total" when line.Contains("gen2", StringComparison.Ordinal): gen2 += (long)value; break;
                case "dotnet_gc_heap_total_allocated_bytes_total": allocated += (long)value; break;
            }
        }

        return new SiloRuntimeMetrics(jit, methods, pause, gen2, allocated);
    }
}
