using System.CommandLine;
using System.Runtime.InteropServices;
using Orleans.Saga.DevKafka;
using Orleans.Saga.DevKafka.Control;
using Orleans.Saga.DevKafka.Native;

LibRdKafkaLoader.Register();

var command = DevKafkaCommand.Create(RunAsync);

// SIGINT/SIGTERM are handled by RunAsync itself, not by System.CommandLine: its handlers are installed only once the
// action first yields, which is after the ready line, so a signal sent on seeing that line would kill the process.
return await command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

static async Task<int> RunAsync(DevBrokerOptions options, CancellationToken cancellation)
{
    var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        signalled.TrySetResult();
    }

    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

    DevBroker broker;
    try
    {
        broker = DevBroker.Start(options);
    }
    catch (Exception exception) when (exception is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
    {
        Log.Error($"cannot start: {exception.Message}");
        return 1;
    }

    await using (broker)
    {
        var shutdownRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ControlServer control;
        try
        {
            control = ControlServer.Start(options.Control, new ControlCommands(broker, () => shutdownRequested.TrySetResult()));
        }
        catch (System.Net.Sockets.SocketException exception)
        {
            Log.Error($"cannot open control channel on {options.Control}: {exception.Message}");
            return 1;
        }

        await using (control)
        {
            using var ready = ReadySignal.Raise(options, $"devkafka ready bootstrap={broker.Bootstrap} control={control.Endpoint}");
            Log.Info($"librdkafka {MockCluster.LibraryVersion} from {LibRdKafkaLoader.LoadedFrom}");

            await Task.WhenAny(shutdownRequested.Task, signalled.Task, Task.Delay(Timeout.Infinite, cancellation));
            Log.Info(shutdownRequested.Task.IsCompleted ? "stopping on shutdown command" : "stopping on signal");
        }
    }

    return 0;
}
