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

        // An IPv6 address must be bracketed, or its colons could not be told from the port's.
        var host = text[..colon];
        var bracketed = host.Length > 2 && host[0] == '[' && host[^1] == ']';
        host = bracketed ? host[1..^1] : host;
        if (host.Length == 0 || host.Contains(':') != bracketed || bracketed && !IPAddress.TryParse(host, out _))
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
