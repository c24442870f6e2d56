using System.Net;
using System.Net.Sockets;
using System.Text;
using Orleans.Saga.DevKafka.Relay;

namespace Orleans.Saga.DevKafka.Control;

/// <summary>Serves <see cref="ControlCommands"/> to line-based TCP clients (e.g. <c>nc</c>, bash's /dev/tcp).</summary>
internal sealed class ControlServer : IAsyncDisposable
{
    private const int MaxLineLength = 4096;
    private static readonly TimeSpan ReplyGracePeriod = TimeSpan.FromSeconds(2);

    private readonly Socket _listener;
    private readonly ControlCommands _commands;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<Socket, Task> _sessions = [];
    private readonly Task _acceptLoop;

    private ControlServer(Socket listener, ControlCommands commands)
    {
        _listener = listener;
        _commands = commands;
        _acceptLoop = AcceptAsync();
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndPoint!;

    public static ControlServer Start(IPEndPoint endpoint, ControlCommands commands) =>
        new(ListenerSocket.Open(endpoint), commands);

    /// <summary>Stops reading commands; a reply being written (e.g. to <c>shutdown</c>) gets a moment to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        KeyValuePair<Socket, Task>[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions];
        }

        var all = Task.WhenAll(sessions.Select(session => session.Value));
        if (await Task.WhenAny(all, Task.Delay(ReplyGracePeriod)) != all)
        {
            foreach (var (client, _) in sessions)
            {
                client.Dispose();
            }

            await all;
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_lock)
            {
                _sessions.Add(client, ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield(); // keep the accept loop free, and register before finishing
        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n", AutoFlush = true };
            while (await reader.ReadLineAsync(_stopping.Token) is { } line)
            {
                var reply = line.Length > MaxLineLength ? "error line too long" : await _commands.ExecuteAsync(line);
                // Not cancelled by stopping: the reply to `shutdown` must still go out.
                await writer.WriteLineAsync(reply);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away, or the server is stopping.
        }
        finally
        {
            client.Dispose();
            lock (_lock)
            {
                _sessions.Remove(client);
            }
        }
    }
}
