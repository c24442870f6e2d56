using Orleans.Saga.Client.Producing;

namespace Orleans.Saga.Client.Tests.Producing;

public sealed class EventFileTests
{
    [Fact]
    public void Every_non_blank_line_is_a_record_keyed_by_its_event_id()
    {
        var path = Path.Combine(Path.GetTempPath(), $"saga-file-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "{\"id\":\"e1\",\"time\":1,\"text\":\"a\"}\r\n\r\n  \n[1,2]\n{\"id\":7,\"time\":1,\"text\":\"b\"}\n{\"id\":\"e2\",\"time\":2,\"text\":\"c\"}");
        try
        {
            var file = new EventFile(path);

            Assert.Equal(4, file.CountRecords());
            Assert.Equal(
                [
                    new OutgoingEvent("e1", "{\"id\":\"e1\",\"time\":1,\"text\":\"a\"}"),
                    new OutgoingEvent(null, "[1,2]"),
                    new OutgoingEvent(null, "{\"id\":7,\"time\":1,\"text\":\"b\"}"),
                    new OutgoingEvent("e2", "{\"id\":\"e2\",\"time\":2,\"text\":\"c\"}"),
                ],
                file.Read());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
