using System.Net;
using System.Net.Sockets;

namespace Orleans.Saga.DevKafka.Tests.Infrastructure;

/// <summary>Finds loopback ports that nothing listens on right now.</summary>
public static class FreePorts
{
    /// <summary>The first of <paramref name="count"/> consecutive free ports (the tool puts broker i at port + i - 1).</summary>
    public static int Consecutive(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var held = new List<Socket>();
            try
            {
                var first = Bind(0, held);
                if (first + count - 1 <= IPEndPoint.MaxPort && Enumerable.Range(first + 1, count - 1).All(port => Bind(port, held) == port))
                {
                    return first;
                }
            }
            catch (SocketException)
            {
                // One of the following ports is taken: try another start.
            }
            finally
            {
                held.ForEach(socket => socket.Dispose());
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free loopback ports found.");
    }

    private static int Bind(int port, List<Socket> held)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        held.Add(socket);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
