using System.Net;
using System.Net.Sockets;

namespace Orleans.Saga.DevKafka.Relay;

/// <summary>
/// Listens on a fixed endpoint and relays every accepted connection to one upstream endpoint (a mock broker's
/// random port). Can be stopped, which closes the listener and every relayed connection, and started again on
/// the same endpoint.
/// </summary>
internal sealed class TcpRelay(IPEndPoint listenEndpoint, IPEndPoint upstreamEndpoint) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<RelayConnection, Task> _connections = [];
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    public IPEndPoint ListenEndpoint { get; } = listenEndpoint;

    public IPEndPoint UpstreamEndpoint { get; } = upstreamEndpoint;

    public bool IsListening
    {
        get
        {
            lock (_lock)
            {
                return _listener is not null;
            }
        }
    }

    public int ConnectionCount
    {
        get
        {
            lock (_lock)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Binds and listens; throws <see cref="SocketException"/> when the endpoint is taken.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = ListenerSocket.Open(ListenEndpoint);
            _listener = listener;
            _acceptLoop = AcceptAsync(listener);
        }
    }

    /// <summary>Closes the listener (new connections are refused) and every relayed connection.</summary>
    public async Task StopAsync()
    {
        Task acceptLoop;
        Task[] connections;
        lock (_lock)
        {
            _listener?.Dispose();
            _listener = null;
            acceptLoop = _acceptLoop;
        }

        // The accept loop ends before the snapshot, so no connection registers after it.
        await acceptLoop;
        lock (_lock)
        {
            foreach (var connection in _connections.Keys)
            {
                connection.Close();
            }

            connections = [.. _connections.Values];
        }

        await Task.WhenAll(connections);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return; // StopAsync closed the listener
            }

            var upstream = new Socket(UpstreamEndpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // Loopback connect to a listening broker completes at once; awaiting it keeps the pairing simple.
                await upstream.ConnectAsync(UpstreamEndpoint);
            }
            catch (SocketException exception)
            {
                Log.Warning($"{ListenEndpoint}: cannot reach broker at {UpstreamEndpoint} ({exception.SocketErrorCode}); closing client {client.RemoteEndPoint}.");
                upstream.Dispose();
                client.Dispose();
                continue;
            }

            var connection = new RelayConnection(client, upstream);
            lock (_lock)
            {
                _connections.Add(connection, RunAsync(connection));
            }
        }
    }

    private async Task RunAsync(RelayConnection connection)
    {
        await Task.Yield(); // register before the connection can finish
        await connection.RunAsync();
        lock (_lock)
        {
            _connections.Remove(connection);
        }
    }
}
