using System.Buffers;
using System.Text.Json;

namespace Orleans.Saga.Bench.EndToEnd.Workload;

/// <summary>
/// The pre-produced topic: <c>events</c> valid events spread evenly over the partitions, each partition's events in
/// event-time order over <c>span</c> ending at <c>dataEnd</c>; then one end-of-data marker per partition, far enough
/// ahead that every partition's watermark passes the end of every data window, so that all of them close. The
/// markers mention nobody, so they add no row.
/// </summary>
public sealed class EventWorkload(TextPool texts, int partitions, int events, long dataEnd, TimeSpan span, int seed)
{
    /// <summary>How far past the data the markers are: the default allowed lateness, one window, and a minute.</summary>
    public static readonly TimeSpan MarkerLead = TimeSpan.FromMinutes(10 + 5 + 1);

    public int Partitions => partitions;

    public int Events => events;

    /// <summary>Events plus one marker per partition.</summary>
    public int Records => events + partitions;

    public long DataStart => dataEnd - (long)span.TotalSeconds;

    public long MarkerTime => dataEnd + (long)MarkerLead.TotalSeconds;

    public int CountIn(int partition) => events / partitions + (partition < events % partitions ? 1 : 0);

    /// <summary>The records round-robin over the partitions (so producer batches fill evenly), markers last.</summary>
    public IEnumerable<BenchRecord> Generate()
    {
        var random = new Random(seed);
        var buffer = new ArrayBufferWriter<byte>(512);
        var spanSeconds = (long)span.TotalSeconds;
        var perPartition = CountIn(0);
        for (var k = 0; k < perPartition; k++)
        {
            for (var p = 0; p < partitions; p++)
            {
                var count = CountIn(p);
                if (k >= count)
                {
                    continue;
                }

                var time = DataStart + k * spanSeconds / count;
                var text = texts.Pick(random);
                yield return new BenchRecord(p, time, text, Json(buffer, $"{p}-{k}", time, random.Next(100_000), text.Text));
            }
        }

        for (var p = 0; p < partitions; p++)
        {
            yield return new BenchRecord(p, MarkerTime, null, Json(buffer, $"end-{p}", MarkerTime, 0, "end of the benchmark data"));
        }
    }

    internal static byte[] Json(ArrayBufferWriter<byte> buffer, string id, long time, int readers, string text)
    {
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id"u8, id);
            json.WriteNumber("time"u8, time);
            json.WriteNumber("readers"u8, readers);
            json.WriteString("text"u8, text);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
