using System.Diagnostics;
using Confluent.Kafka;
using Orleans.Saga.EndToEnd.Tests.Infrastructure.Events;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Kafka;

/// <summary>
/// Writes the script's records at a steady rate, round after round, until stopped: the stream a fault hits while
/// the silos consume it. The producer is idempotent and waits out a broker outage, so each partition holds each
/// planned record once, in plan order.
/// </summary>
public sealed class SteadyProducer : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private readonly IProducer<Null, byte[]> _producer;
    private readonly string _topic;
    private readonly EventScript _script;
    private readonly int _recordsPerSecond;
    private readonly Queue<PlannedRecord> _planned = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _sent;
    private long _delivered;
    private long _failed;
    private string? _firstError;

    public SteadyProducer(string bootstrap, string topic, EventScript script, int recordsPerSecond)
    {
        _topic = topic;
        _script = script;
        _recordsPerSecond = recordsPerSecond;
        _producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            LingerMs = 5,
            // Longer than any outage of the scenarios: records wait in the producer until the broker is back.
            MessageTimeoutMs = 180_000,
        }).Build();
    }

    /// <summary>Records handed to the producer so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>
    /// Finishes the current round at once (so that the topic holds exactly the script's records), stops, and waits
    /// until the broker acknowledged every record; fails if any was refused.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await _stop.CancelAsync();
        await _loop;
        while (_planned.Count > 0)
        {
            Send(_planned.Dequeue());
        }

        var deadline = DateTime.UtcNow + timeout;
        while (Interlocked.Read(ref _delivered) + Interlocked.Read(ref _failed) < Sent)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The broker acknowledged {_delivered} of {Sent} records within {timeout}.");
            }

            _producer.Flush(TimeSpan.FromMilliseconds(200));
        }

        if (_failed > 0)
        {
            throw new InvalidOperationException($"{_failed} of {Sent} records were not delivered; first error: {_firstError}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _producer.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!_stop.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * _recordsPerSecond);
            while (Sent < due)
            {
                Send(Next());
            }

            try
            {
                await Task.Delay(Tick, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private PlannedRecord Next()
    {
        if (_planned.Count == 0)
        {
            foreach (var record in _script.NextRound())
            {
                _planned.Enqueue(record);
            }
        }

        return _planned.Dequeue();
    }

    private void Send(PlannedRecord record)
    {
        _producer.Produce(new TopicPartition(_topic, record.Partition), new Message<Null, byte[]> { Value = record.Value }, report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref _firstError, report.Error.ToString(), null);
                Interlocked.Increment(ref _failed);
            }
            else
            {
                Interlocked.Increment(ref _delivered);
            }
        });
        Interlocked.Increment(ref _sent);
    }
}
