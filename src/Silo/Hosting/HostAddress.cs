using System.Net;
using System.Net.Sockets;

namespace Orleans.Saga.Silo.Hosting;

/// <summary>Turns a configured address — an IP, or a host name such as a compose service's — into one IP.</summary>
public static class HostAddress
{
    /// <summary>An IP literal as is; a host name resolved once, preferring IPv4.</summary>
    public static IPAddress Resolve(string address)
    {
        if (IPAddress.TryParse(address, out var ip))
        {
            return ip;
        }

        var addresses = Dns.GetHostAddresses(address);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"'{address}' resolves to no address.");
    }
}
