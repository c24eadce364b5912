using Microsoft.Extensions.Logging;
using Wyvern.Apps;
using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Channel;
using Wyvern.OpenFlow.Messages;
using Wyvern.Packets;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller;

public sealed partial class ChassisController
{
    private HashSet<ExternalAddress> _announced = [];

    /// <summary>
    /// After a sync: a gratuitous ARP out of the patch port for every external
    /// address that this chassis has started to serve (see <see cref="ExternalAddresses"/>).
    /// A failure to send is logged; the next sync tries again.
    /// </summary>
    private async Task AnnounceAsync(SwitchSession session, CancellationToken ct)
    {
        var now = ExternalAddresses.ServedHere(_engine.State, _engine.State.FloatingIps, _engine.State.Routers).ToHashSet();
        var fresh = now.Where(a => !_announced.Contains(a)).ToList();
        try
        {
            foreach (var a in fresh)
            {
                var mac = new PacketMac(a.Mac.Value);
                var garp = FrameBuilder.Arp(mac, PacketMac.Broadcast, new ArpPacket(ArpPacket.Request, mac, a.Ip, PacketMac.Zero, a.Ip),
                    a.Vlan is { } v ? (ushort)v : null);
                await session.SendAsync(new PacketOut(OfpPort.Controller, new OfpAction[] { new OutputAction((uint)a.Patch) }, garp), ct);
                _logger.LogInformation("announced {Ip} at {Mac} on the external network (gratuitous ARP)", a.Ip, mac);
            }
            _announced = now;
        }
        catch (Exception e) when (e is SwitchDisconnectedException or IOException or TimeoutException)
        {
            _logger.LogWarning(e, "announcing external addresses to {Switch} failed; will retry after the next sync", session);
        }
    }
}
