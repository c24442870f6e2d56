using System.Globalization;
using Orleans.Saga.Partitions;

namespace Orleans.Saga.Bench.EndToEnd.Pipeline;

/// <summary>
/// One line per status poll of a pipeline run, kept beside the silo's log (<c>--keep</c>): how far the slowest and
/// the fastest partition have read and counted, and where the stream watermark is, to see what holds a run back; and
/// beside it every partition's count of consumed records, one column each. The silo's and the whole machine's CPU
/// time so far show whether a slow stretch was short of CPU or waiting.
/// </summary>
public sealed class PipelineTimeline : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly StreamWriter _partitionsWriter;

    public PipelineTimeline(string path, int partitions)
    {
        _writer = new StreamWriter(path);
        _partitionsWriter = new StreamWriter(Path.ChangeExtension(path, ".partitions.csv"));
        _partitionsWriter.WriteLine(string.Join(',', ["seconds", .. Enumerable.Range(0, partitions).Select(p => $"p{p}")]));
        _writer.WriteLine("seconds,consumed,min_partition_consumed,max_partition_consumed,min_watermark,max_watermark,min_stream_watermark,max_stream_watermark,open_windows,silo_cpu_seconds,machine_cpu_seconds");
    }

    public void Add(double seconds, IReadOnlyList<PartitionStatus> partitions, TimeSpan siloCpu, TimeSpan machineCpu)
    {
        var consumed = partitions.Select(p => p.Counters.Consumed).ToList();
        var watermarks = partitions.Select(p => p.Watermark ?? long.MinValue).ToList();
        var streamWatermarks = partitions.Select(p => p.StreamWatermark).ToList();
        _writer.WriteLine(string.Join(',',
            seconds.ToString("0.000", CultureInfo.InvariantCulture),
            consumed.Sum(),
            consumed.Min(),
            consumed.Max(),
            Time(watermarks.Min()),
            Time(watermarks.Max()),
            Time(streamWatermarks.Min()),
            Time(streamWatermarks.Max()),
            partitions.Sum(p => p.OpenWindows),
            siloCpu.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            machineCpu.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)));
        _partitionsWriter.WriteLine(string.Join(',', [seconds.ToString("0.000", CultureInfo.InvariantCulture), .. consumed]));
    }

    public void Dispose()
    {
        _writer.Dispose();
        _partitionsWriter.Dispose();
    }

    private static string Time(long unixSeconds) =>
        unixSeconds == long.MinValue ? "" : DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
