using System.Buffers.Binary;
using System.Net;
using Wyvern.Model;
using Wyvern.Packets;
using Wyvern.Packets.Dhcp;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Dhcp;

/// <summary>
/// Answers a port's DHCPv4 packet-in from the logical model, as Neutron's
/// DHCP agent would (RFC 2131 §4.3): DISCOVER → OFFER, REQUEST for the
/// port's address → ACK (anything else → NAK), INFORM → ACK without a lease,
/// RELEASE and DECLINE → no answer. Pure: frame in, frame out.
/// </summary>
public sealed class DhcpResponder(DhcpSettings settings)
{
    private const ushort ServerPort = 67;
    private const ushort ClientPort = 68;

    /// <summary>
    /// The reply frame for <paramref name="frame"/> (a DHCP request from
    /// <paramref name="lease"/>'s port), or null when nothing is to be sent.
    /// Throws <see cref="MalformedPacketException"/> for a malformed request.
    /// </summary>
    public byte[]? Respond(ReadOnlySpan<byte> frame, DhcpLeaseContext lease)
    {
        var view = FrameView.Parse(frame);
        if (view.Udp is not { DestinationPort: ServerPort })
        {
            return null;
        }
        var request = DhcpMessage.Parse(view.UdpPayload(frame));
        if (request.Op != DhcpMessage.BootRequest || !lease.Subnet.EnableDhcp)
        {
            return null;
        }
        // A port may only ask for itself: port security already pins the
        // source MAC, and chaddr must agree with it.
        if (request.ClientMac.Value != lease.Port.MacAddress.Value)
        {
            return null;
        }
        return request.MessageType switch
        {
            DhcpMessageType.Discover => Reply(request, view, lease, DhcpMessageType.Offer),
            DhcpMessageType.Request => IsForUs(request, lease)
                ? Reply(request, view, lease, RequestedAddressMatches(request, lease) ? DhcpMessageType.Ack : DhcpMessageType.Nak)
                : null,
            DhcpMessageType.Inform => Reply(request, view, lease, DhcpMessageType.Ack, inform: true),
            _ => null,
        };
    }

    // A REQUEST naming another server is that server's business (RFC 2131 §4.3.2).
    private static bool IsForUs(DhcpMessage request, DhcpLeaseContext lease) =>
        request.ServerIdentifier is null || request.ServerIdentifier.Equals(lease.ServerIp);

    // SELECTING/INIT-REBOOT carry option 50; RENEWING/REBINDING carry ciaddr.
    private static bool RequestedAddressMatches(DhcpMessage request, DhcpLeaseContext lease)
    {
        var asked = request.RequestedIp ?? request.ClientIp;
        return asked.Equals(lease.Address);
    }

    private byte[] Reply(DhcpMessage request, FrameView view, DhcpLeaseContext lease, DhcpMessageType type, bool inform = false)
    {
        var nak = type == DhcpMessageType.Nak;
        var options = new List<DhcpOption>
        {
            new((byte)DhcpOptionCode.MessageType, [(byte)type]),
            DhcpOption.Addresses(DhcpOptionCode.ServerIdentifier, [lease.ServerIp]),
        };
        if (!nak)
        {
            options.AddRange(ConfigurationOptions(lease, inform));
        }
        var reply = new DhcpMessage(
            DhcpMessage.BootReply,
            request.TransactionId,
            request.Flags,
            inform ? request.ClientIp : IPAddress.Any,
            nak || inform ? IPAddress.Any : lease.Address,
            lease.ServerIp,
            request.RelayIp,
            request.ClientMac,
            ApplyExtraOptions(options, lease.Port));
        var payload = new byte[reply.Size];
        reply.Write(payload);

        // RFC 2131 §4.1: NAKs are broadcast; with the BROADCAST bit set the
        // reply goes to 255.255.255.255; else to the offered/assigned address.
        var broadcast = nak || (request.Flags & DhcpMessage.BroadcastFlag) != 0;
        var dstIp = broadcast ? IPAddress.Broadcast : inform ? request.ClientIp : lease.Address;
        var dstMac = broadcast ? PacketMac.Broadcast : view.Ethernet.Source;
        return FrameBuilder.Udp(lease.ServerMac, dstMac, lease.ServerIp, dstIp, ServerPort, ClientPort, payload, vlan: view.Ethernet.VlanId);
    }

    private IEnumerable<DhcpOption> ConfigurationOptions(DhcpLeaseContext lease, bool inform)
    {
        var subnet = lease.Subnet;
        if (!inform)
        {
            var seconds = (uint)settings.LeaseTime.TotalSeconds;
            yield return DhcpOption.UInt32(DhcpOptionCode.IpAddressLeaseTime, seconds);
            yield return DhcpOption.UInt32(DhcpOptionCode.RenewalTime, seconds / 2);
            yield return DhcpOption.UInt32(DhcpOptionCode.RebindingTime, seconds / 8 * 7);
        }
        yield return DhcpOption.Addresses(DhcpOptionCode.SubnetMask, [PrefixMask(subnet.Cidr.PrefixLength)]);
        yield return DhcpOption.Addresses(DhcpOptionCode.BroadcastAddress, [BroadcastOf(subnet.Cidr)]);
        if (subnet.GatewayIp is { } gateway)
        {
            yield return DhcpOption.Addresses(DhcpOptionCode.Router, [gateway]);
        }
        if (subnet.DnsNameservers.Count > 0)
        {
            yield return DhcpOption.Addresses(DhcpOptionCode.DomainNameServer, subnet.DnsNameservers);
        }
        if (settings.DomainName.Length > 0)
        {
            yield return DhcpOption.Text(DhcpOptionCode.DomainName, settings.DomainName);
        }
        yield return DhcpOption.UInt16(DhcpOptionCode.InterfaceMtu, (ushort)lease.Network.Mtu);
        if (subnet.HostRoutes.Count > 0)
        {
            // RFC 3442 §3: a client that receives option 121 ignores option 3,
            // so the default route must be repeated inside it.
            var routes = subnet.HostRoutes
                .Where(r => r.Destination.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                .Select(r => (r.Destination.BaseAddress, r.Destination.PrefixLength, r.NextHop))
                .ToList();
            if (subnet.GatewayIp is { } gw && routes.All(r => r.PrefixLength != 0))
            {
                routes.Add((IPAddress.Any, 0, gw));
            }
            yield return DhcpOption.ClasslessRoutes(routes);
        }
    }

    /// <summary>Neutron extra_dhcp_opts: a numeric or named option replaces the computed one of the same code.</summary>
    private static List<DhcpOption> ApplyExtraOptions(List<DhcpOption> options, LogicalPort port)
    {
        foreach (var extra in port.ExtraDhcpOptions)
        {
            if (extra.IpVersion != IpVersion.V4 || ExtraDhcpOptionEncoder.Encode(extra) is not { } option)
            {
                continue;
            }
            options.RemoveAll(o => o.Code == option.Code);
            options.Add(option);
        }
        return options;
    }

    private static IPAddress PrefixMask(int prefixLength)
    {
        var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, mask);
        return new IPAddress(bytes);
    }

    private static IPAddress BroadcastOf(IPNetwork cidr)
    {
        var bytes = cidr.BaseAddress.GetAddressBytes();
        var host = cidr.PrefixLength == 0 ? uint.MaxValue : uint.MaxValue >> cidr.PrefixLength;
        BinaryPrimitives.WriteUInt32BigEndian(bytes, BinaryPrimitives.ReadUInt32BigEndian(bytes) | host);
        return new IPAddress(bytes);
    }
}
