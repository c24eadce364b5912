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
    /// <summary>Announcements are repeated this many times after the first, 1, 2 and 4 s later.</summary>
    private const int AnnouncementRepeats = 3;

    private HashSet<ExternalAddress> _announced = [];

    /// <summary>
    /// After a sync: a gratuitous ARP out of the patch port for every external
    /// address that this chassis has started to serve (see <see cref="ExternalAddresses"/>),
    /// repeated a few times: a frame the old chassis sends from the same MAC
    /// just before it lets go (a reply in flight) would otherwise pull the
    /// physical switches' MAC tables back to it until they age out.
    /// </summary>
    private async Task AnnounceAsync(SwitchSession session, CancellationToken ct)
    {
        var now = ExternalAddresses.ServedHere(_engine.State, _engine.State.FloatingIps, _engine.State.Routers).ToHashSet();
        var fresh = now.Where(a => !_announced.Contains(a)).ToList();
        _announced = now;
        if (fresh.Count > 0 && await SendAnnouncementsAsync(session, fresh, ct))
        {
            ScheduleAnnouncement(new ControllerInput.Announce(fresh, 1), ct);
        }
    }

    private async Task RepeatAnnouncementAsync(SwitchSession session, ControllerInput.Announce announce, CancellationToken ct)
    {
        var still = announce.Addresses.Where(_announced.Contains).ToList();
        if (still.Count > 0 && await SendAnnouncementsAsync(session, still, ct) && announce.Round < AnnouncementRepeats)
        {
            ScheduleAnnouncement(announce with { Addresses = still, Round = announce.Round + 1 }, ct);
        }
    }

    private void ScheduleAnnouncement(ControllerInput.Announce next, CancellationToken ct) =>
        _ = Task.Delay(TimeSpan.FromSeconds(1 << (next.Round - 1)), _time, ct).ContinueWith(
            _ => _inputs.Writer.TryWrite(next), ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    /// <summary>Sends one gratuitous ARP per address; false (logged) when the switch is gone.</summary>
    private async Task<bool> SendAnnouncementsAsync(SwitchSession session, IEnumerable<ExternalAddress> addresses, CancellationToken ct)
    {
        try
        {
            foreach (var a in addresses)
            {
                var mac = new PacketMac(a.Mac.Value);
                var garp = FrameBuilder.Arp(mac, PacketMac.Broadcast, new ArpPacket(ArpPacket.Request, mac, a.Ip, PacketMac.Zero, a.Ip),
                    a.Vlan is { } v ? (ushort)v : null);
                await session.SendAsync(new PacketOut(OfpPort.Controller, new OfpAction[] { new OutputAction((uint)a.Patch) }, garp), ct);
                _logger.LogDebug("announced {Ip} at {Mac} on the external network (gratuitous ARP)", a.Ip, mac);
            }
            return true;
        }
        catch (Exception e) when (e is SwitchDisconnectedException or IOException or TimeoutException)
        {
            _logger.LogWarning(e, "announcing external addresses to {Switch} failed; they are announced again after the next sync", session);
            _announced.ExceptWith(addresses);
            return false;
        }
    }
}
