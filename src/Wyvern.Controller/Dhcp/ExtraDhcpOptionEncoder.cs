using System.Globalization;
using System.Net;
using Wyvern.Model;
using Wyvern.Packets.Dhcp;

namespace Wyvern.Controller.Dhcp;

/// <summary>
/// Turns a Neutron extra_dhcp_opt (dnsmasq-style name or option number, and a
/// text value) into a DHCP option. Unknown names give null and are ignored, as
/// an unknown option is better left out than sent malformed.
/// </summary>
internal static class ExtraDhcpOptionEncoder
{
    private static readonly Dictionary<string, (DhcpOptionCode Code, Kind Kind)> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["netmask"] = (DhcpOptionCode.SubnetMask, Kind.Addresses),
        ["router"] = (DhcpOptionCode.Router, Kind.Addresses),
        ["dns-server"] = (DhcpOptionCode.DomainNameServer, Kind.Addresses),
        ["domain-name"] = (DhcpOptionCode.DomainName, Kind.Text),
        ["mtu"] = (DhcpOptionCode.InterfaceMtu, Kind.UInt16),
        ["broadcast"] = (DhcpOptionCode.BroadcastAddress, Kind.Addresses),
        ["lease-time"] = (DhcpOptionCode.IpAddressLeaseTime, Kind.UInt32),
        ["ntp-server"] = ((DhcpOptionCode)42, Kind.Addresses),
        ["tftp-server"] = ((DhcpOptionCode)66, Kind.Text),
        ["bootfile-name"] = ((DhcpOptionCode)67, Kind.Text),
        ["server-ip-address"] = ((DhcpOptionCode)150, Kind.Addresses),
    };

    private enum Kind { Addresses, Text, UInt16, UInt32 }

    public static DhcpOption? Encode(ExtraDhcpOption extra)
    {
        var name = extra.OptName.Trim();
        (DhcpOptionCode Code, Kind Kind) spec;
        if (byte.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            // A bare number: the value is sent as addresses if it parses as such, else as text.
            spec = ((DhcpOptionCode)number, ParsesAsAddresses(extra.OptValue) ? Kind.Addresses : Kind.Text);
        }
        else if (!Names.TryGetValue(name, out spec))
        {
            return null;
        }
        var value = extra.OptValue.Trim();
        switch (spec.Kind)
        {
            case Kind.Addresses:
                return ParsesAsAddresses(value) ? DhcpOption.Addresses(spec.Code, SplitAddresses(value)) : null;
            case Kind.UInt16:
                return ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var u16) ? DhcpOption.UInt16(spec.Code, u16) : null;
            case Kind.UInt32:
                return uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var u32) ? DhcpOption.UInt32(spec.Code, u32) : null;
            default:
                return value.Length is > 0 and <= 255 ? DhcpOption.Text(spec.Code, value) : null;
        }
    }

    private static IEnumerable<IPAddress> SplitAddresses(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(IPAddress.Parse);

    private static bool ParsesAsAddresses(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } parts &&
        parts.All(p => IPAddress.TryParse(p, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
}
