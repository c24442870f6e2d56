using System.Globalization;
using System.Net;

namespace Orleans.Saga.Client.Cluster;

/// <summary>A gateway as users write it: <c>HOST:PORT</c>, where HOST is a name, an IPv4 address or a bracketed IPv6 one.</summary>
public readonly record struct GatewayAddress(string Host, int Port)
{
    public static bool TryParse(string text, out GatewayAddress address)
    {
        address = default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is 0 or > IPEndPoint.MaxPort)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0 || host.Contains(':') && !IPAddress.TryParse(host, out _))
        {
            return false;
        }

        address = new GatewayAddress(host, port);
        return true;
    }

    public static GatewayAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not HOST:PORT.");

    public override string ToString() => $"{Host}:{Port}";
}
