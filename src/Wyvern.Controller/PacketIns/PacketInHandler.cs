using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Wyvern.Apps;
using Wyvern.Controller.Dhcp;
using Wyvern.Controller.Engine;
using Wyvern.Controller.Gateways;
using Wyvern.Model;
using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;
using Wyvern.Packets;
using Wyvern.Pipeline;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.PacketIns;

/// <summary>
/// Turns a packet-in into the packet-out that answers it, reading the model:
/// DHCP requests (from the DHCP table) get the responder's reply; packets
/// whose TTL ran out while routed get ICMP time exceeded from the router
/// interface they arrived on; neighbour solicitations for a router
/// interface's IPv6 address get an advertisement. Rate-limited per source port. Pure apart from
/// logging: returns the reply, sends nothing.
/// </summary>
public sealed class PacketInHandler(ChassisState state, ControllerOptions options, TimeProvider time, ILogger logger)
{
    private readonly DhcpResponder _dhcp = new(options.Dhcp);
    private readonly TokenBucketLimiter _limiter = new(options.PacketInRatePerPort, time);

    /// <summary>Learns ARP replies to routers' gateway ports (table 50, sent up by <see cref="NeighbourApp"/>'s flow, known by its cookie).</summary>
    public NextHopResolver? NextHops { get; init; }

    /// <summary>Packet-ins dropped by the rate limit.</summary>
    public long RateLimited { get; private set; }

    /// <summary>The packet-out answering <paramref name="packetIn"/>, or null.</summary>
    public PacketOut? Handle(PacketIn packetIn)
    {
        if (packetIn.InPort is not { } inPort)
        {
            return null;
        }
        var sourcePort = Field(packetIn, Registers.SourcePortField);
        if (!_limiter.TryTake((long)sourcePort))
        {
            RateLimited++;
            return null;
        }
        try
        {
            var reply = packetIn.Reason == PacketInReason.InvalidTtl ? TimeExceeded(packetIn)
                : packetIn.TableId == (byte)TableId.Dhcp ? Dhcp(packetIn, (int)sourcePort)
                : packetIn.TableId == (byte)TableId.Ipv6Nd ? NeighborAdvertisement(packetIn)
                : FlowCookie.AppOf(packetIn.Cookie) == AppId.Neighbour ? LearnNextHop(packetIn)
                : null;
            return reply is null ? null : new PacketOut(OfpPort.Controller, new OfpAction[] { new OutputAction(inPort) }, reply);
        }
        catch (MalformedPacketException e)
        {
            logger.LogInformation(e, "dropping malformed packet-in from port key {Port}", sourcePort);
            return null;
        }
    }

    private byte[]? Dhcp(PacketIn packetIn, int portKey)
    {
        if (state.PortByKey(portKey) is not { } port || state.Network(port.NetworkId) is not { } network)
        {
            return null;
        }
        foreach (var fixedIp in port.FixedIps)
        {
            if (fixedIp.IpAddress.AddressFamily != AddressFamily.InterNetwork || state.Subnet(fixedIp.SubnetId) is not { } subnet)
            {
                continue;
            }
            var serverIp = subnet.GatewayIp ?? subnet.Cidr.BaseAddress;
            var lease = new DhcpLeaseContext(port, fixedIp.IpAddress, subnet, network, serverIp, DhcpServerMac(network));
            return _dhcp.Respond(packetIn.Data.Span, lease);
        }
        return null;
    }

    /// <summary>An ARP reply from an external gateway (<see cref="NeighbourApp"/>): learned, never answered.</summary>
    private byte[]? LearnNextHop(PacketIn packetIn)
    {
        NextHops?.Learn(packetIn);
        return null;
    }

    private byte[]? TimeExceeded(PacketIn packetIn)
    {
        var routerKey = (int)Field(packetIn, Registers.RouterField);
        var networkKey = (int)Field(packetIn, OxmField.Metadata);
        var network = state.NetworkByKey(networkKey);
        var ingress = state.RouterByKey(routerKey)?.Ports.FirstOrDefault(rp => rp.NetworkId == network?.Id);
        if (ingress is null)
        {
            return null;
        }
        return FrameBuilder.IcmpError(packetIn.Data.Span, IcmpV4.TimeExceeded, IcmpV4.TtlExceededInTransit,
            new PacketMac(ingress.MacAddress.Value), ingress.IpAddress);
    }

    /// <summary>
    /// A solicitation for a router interface's IPv6 address: the router
    /// answers with a solicited advertisement (RFC 4861 §7.2.4). A duplicate
    /// address detection probe (unspecified source) gets no answer.
    /// </summary>
    private byte[]? NeighborAdvertisement(PacketIn packetIn)
    {
        var frame = packetIn.Data.Span;
        var view = FrameView.Parse(frame);
        if (view.Ipv6 is not { } ip || view.NdTarget is not { } target || ip.Source.Equals(System.Net.IPAddress.IPv6Any))
        {
            return null;
        }
        if (state.NetworkByKey((int)Field(packetIn, OxmField.Metadata)) is not { } network)
        {
            return null;
        }
        var rp = state.RoutersOfNetwork(network.Id).SelectMany(r => r.Ports)
            .FirstOrDefault(p => p.NetworkId == network.Id && p.IpAddress.Equals(target));
        return rp is null ? null : FrameBuilder.NeighborAdvertisement(new PacketMac(rp.MacAddress.Value), target, view.Ethernet.Source, ip.Source, router: true);
    }

    /// <summary>
    /// The DHCP server's MAC on a network: locally administered, derived from
    /// the network key, so it is stable across restarts and chassis.
    /// </summary>
    public static PacketMac DhcpServerMac(LogicalSwitch network) => new(0x02_00_00_00_00_00UL | (0xd4UL << 32) | (uint)network.Key);

    private static ulong Field(PacketIn packetIn, OxmField field) =>
        packetIn.Match.TryGet(field, out var f) ? (ulong)f.Value : 0;
}
