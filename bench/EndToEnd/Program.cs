using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Orleans.Saga.Bench.EndToEnd;
using Orleans.Saga.Bench.EndToEnd.Kafka;

// The end-to-end benchmark (docs/BENCHMARKS.md); scripts/bench.sh starts the servers and runs it.
//   run   --bootstrap H:P --mysql CS --silo PATH --work-dir D [--events N] [--partitions P] [--texts N] [--hours H]
//         [--latency-seconds S] [--classifier embedded|http|both] [--mariadb-pid PID] [--broker-pid PID]
//   limit --bootstrap H:P --topic T --partitions P --records N      (the limit consumer; run by `run` as a child)
if (args.Length == 0 || args[0] is not ("run" or "limit"))
{
    Console.Error.WriteLine("usage: run --bootstrap H:P --mysql CS --silo PATH --work-dir D [options] | limit ...");
    return 2;
}

var named = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    named[args[i].TrimStart('-')] = args[i + 1];
}

try
{
    if (args[0] == "limit")
    {
        var result = LimitConsumer.Run(
            named["bootstrap"],
            named["topic"],
            BenchOptions.Int(named, "partitions", 64),
            long.Parse(named["records"], CultureInfo.InvariantCulture),
            TimeSpan.FromMinutes(10));
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    // SIGINT and SIGTERM cancel the run, so that the silos it started are stopped on the way out.
    using var cancel = new CancellationTokenSource();
    void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        cancel.Cancel();
    }

    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
    await new BenchRun(BenchOptions.Parse(named), Console.Out, Console.Error).RunAsync(cancel.Token);
    return 0;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("bench: cancelled");
    return 130;
}
catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or TimeoutException or KeyNotFoundException)
{
    Console.Error.WriteLine($"bench: {exception.Message}");
    return 1;
}
