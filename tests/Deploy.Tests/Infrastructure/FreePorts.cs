using System.Net;
using System.Net.Sockets;

namespace Orleans.Saga.Deploy.Tests.Infrastructure;

internal static class FreePorts
{
    /// <summary>Distinct loopback ports that were free a moment ago (the OS picks them).</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
