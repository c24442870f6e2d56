using System.Net;
using System.Net.Sockets;

namespace Orleans.Saga.DevKafka.Relay;

/// <summary>Opens the TCP listeners of the tool: the broker relays and the control channel.</summary>
internal static class ListenerSocket
{
    /// <summary>Binds and listens; throws <see cref="SocketException"/> when the endpoint is taken.</summary>
    public static Socket Open(IPEndPoint endpoint)
    {
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            AllowRebindOverTimeWait(listener);
            listener.Bind(endpoint);
            listener.Listen(512);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>
    /// SO_REUSEADDR alone, so a restarted listener can bind while its closed connections linger in TIME_WAIT.
    /// .NET's ReuseAddress option also sets SO_REUSEPORT on Linux, which would let two processes share a port.
    /// </summary>
    private static void AllowRebindOverTimeWait(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            const int SolSocket = 1, SoReuseAddr = 2;
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }
    }
}
