using System.CommandLine;
using Orleans.Saga.DevKafka;
using Orleans.Saga.DevKafka.Control;
using Orleans.Saga.DevKafka.Native;

LibRdKafkaLoader.Register();

var command = DevKafkaCommand.Create(RunAsync);

// System.CommandLine turns SIGINT/SIGTERM into the action's cancellation; the process is torn down
// forcibly only if a clean stop takes longer than this.
return await command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });

static async Task<int> RunAsync(DevBrokerOptions options, CancellationToken terminated)
{
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

            await Task.WhenAny(shutdownRequested.Task, Task.Delay(Timeout.Infinite, terminated));
            Log.Info(terminated.IsCancellationRequested ? "stopping on signal" : "stopping on shutdown command");
        }
    }

    return 0;
}
