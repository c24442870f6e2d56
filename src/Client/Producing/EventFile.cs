using System.Text;
using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Client.Producing;

/// <summary>
/// A JSON-lines file of events. Every non-blank line becomes one record, byte for byte, valid or not (the pipeline
/// dead-letters what it rejects, which is how to try that path). A valid event is keyed by its id, so that a replay
/// of the same file lands each event in the same partition; any other line has no key.
/// </summary>
public sealed class EventFile(string path)
{
    private static readonly EventDecoder Decoder = new();

    public string Path { get; } = path;

    /// <summary>The number of records <see cref="Read"/> yields; a first pass, so the progress bar knows its end.</summary>
    public int CountRecords()
    {
        var count = 0;
        foreach (var line in File.ReadLines(Path, Encoding.UTF8))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                count++;
            }
        }

        return count;
    }

    public IEnumerable<OutgoingEvent> Read()
    {
        foreach (var line in File.ReadLines(Path, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var decoded = Decoder.Decode(Encoding.UTF8.GetBytes(line));
            yield return new OutgoingEvent(decoded.IsSuccess ? decoded.Event.Id : null, line);
        }
    }
}
