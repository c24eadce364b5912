using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Wyvern.Ovsdb.Rpc;

/// <summary>
/// Where an ovsdb-server listens, in OVS's own notation: <c>unix:/path/db.sock</c> or
/// <c>tcp:127.0.0.1:6640</c> (<c>tcp:[::1]:6640</c> for IPv6). Host names are not resolved:
/// a chassis always knows its database's address.
/// </summary>
public sealed record OvsdbEndpoint
{
    private OvsdbEndpoint(EndPoint endPoint, string text)
    {
        EndPoint = endPoint;
        Text = text;
    }

    /// <summary>The socket address.</summary>
    public EndPoint EndPoint { get; }

    /// <summary>The endpoint as written.</summary>
    public string Text { get; }

    /// <summary>True for a unix domain socket.</summary>
    public bool IsUnix => EndPoint is UnixDomainSocketEndPoint;

    /// <summary>A unix domain socket endpoint.</summary>
    public static OvsdbEndpoint Unix(string path) => new(new UnixDomainSocketEndPoint(path), "unix:" + path);

    /// <summary>A TCP endpoint.</summary>
    public static OvsdbEndpoint Tcp(IPAddress address, int port) =>
        new(new IPEndPoint(address, port), address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"tcp:[{address}]:{port}" : $"tcp:{address}:{port}");

    /// <summary>Parses <c>unix:PATH</c> or <c>tcp:IP:PORT</c>.</summary>
    public static OvsdbEndpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("unix:", StringComparison.Ordinal) && text.Length > 5)
        {
            return Unix(text[5..]);
        }

        if (text.StartsWith("tcp:", StringComparison.Ordinal))
        {
            var rest = text[4..];
            var colon = rest.LastIndexOf(':');
            if (colon > 0
                && int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && port is > 0 and < 65536
                && IPAddress.TryParse(rest[..colon].Trim('[', ']'), out var address))
            {
                return Tcp(address, port);
            }
        }

        throw new FormatException($"not an OVSDB endpoint (want unix:PATH or tcp:IP:PORT): \"{text}\"");
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
