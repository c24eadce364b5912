using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Wyvern.Apps;
using Wyvern.Controller.Engine;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;
using Wyvern.Packets;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Gateways;

/// <summary>
/// Resolves the MAC of each external subnet's gateway (the north-south next hop)
/// and publishes it as a <see cref="Neighbour"/> so every chassis can use it.
/// This chassis resolves a subnet when it is the active gateway of a router with
/// an address in it (<see cref="NeighbourApp.ResolvesHere"/>): it sends an ARP
/// request from that router's gateway port out of the provider patch port
/// (<see cref="Due"/>, every retry interval until answered, then every refresh
/// interval) and learns the reply that <see cref="NeighbourApp"/>'s flow sends up
/// (<see cref="Learn"/>).
/// <para>Invariants:</para>
/// <list type="bullet">
/// <item>Called only from the controller's event loop (state is not shared), except the store writes, which run in the background and never block the loop.</item>
/// <item>The store is written only when the record is missing, its MAC changed, or it is older than half the refresh interval; writes are compare-and-swap, a conflict re-reads.</item>
/// <item>A reply that is malformed or answers nothing asked is logged and ignored.</item>
/// </list>
/// </summary>
public sealed class NextHopResolver(ChassisState state, INbStore store, ControllerOptions options, TimeProvider time, ILogger logger)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The last background store write (tests await it).</summary>
    public Task LastWrite { get; private set; } = Task.CompletedTask;

    /// <summary>Store writes done (created or updated records).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    private long _writes;

    /// <summary>The subnets this chassis resolves now, one target each (the first router by id asks).</summary>
    public IReadOnlyList<NextHopTarget> Targets()
    {
        var targets = new Dictionary<string, NextHopTarget>(StringComparer.Ordinal);
        foreach (var router in state.Routers.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!NeighbourApp.ResolvesHere(state, router, out var network, out var patch))
            {
                continue;
            }
            foreach (var ip in router.ExternalGateway!.ExternalFixedIps)
            {
                if (ip.IpAddress.AddressFamily == AddressFamily.InterNetwork && !targets.ContainsKey(ip.SubnetId) &&
                    state.Subnet(ip.SubnetId) is { GatewayIp: { AddressFamily: AddressFamily.InterNetwork } gatewayIp })
                {
                    targets[ip.SubnetId] = new NextHopTarget(ip.SubnetId, network, gatewayIp, router.Id,
                        router.ExternalGateway.MacAddress!.Value, ip.IpAddress, patch);
                }
            }
        }
        return [.. targets.Values];
    }

    /// <summary>The ARP requests due now: unresolved targets every retry interval, resolved ones once their refresh is due.</summary>
    public IReadOnlyList<PacketOut> Due()
    {
        var now = time.GetUtcNow();
        var targets = Targets();
        foreach (var gone in _entries.Keys.Except(targets.Select(t => t.SubnetId)).ToList())
        {
            _entries.Remove(gone);
        }
        var requests = new List<PacketOut>();
        foreach (var t in targets)
        {
            if (!_entries.TryGetValue(t.SubnetId, out var e) || e.Target != t)
            {
                _entries[t.SubnetId] = e = new Entry(t);
            }
            var fresh = e.RepliedAt is { } replied && now - replied < options.NeighbourRefreshInterval;
            if (fresh || (e.SentAt is { } sent && now - sent < options.NeighbourRetryInterval))
            {
                continue;
            }
            e.SentAt = now;
            requests.Add(Request(t));
        }
        return requests;
    }

    /// <summary>
    /// Learns an ARP reply sent up by <see cref="NeighbourApp"/>'s flow. Returns the record it
    /// writes to the store (in the background, see <see cref="LastWrite"/>), or null when the
    /// reply answers nothing asked or the stored record is already right and fresh.
    /// </summary>
    public Neighbour? Learn(PacketIn packetIn)
    {
        ArgumentNullException.ThrowIfNull(packetIn);
        var frame = FrameView.Parse(packetIn.Data.Span);
        var networkKey = packetIn.Match.TryGet(OxmField.Metadata, out var m) ? (int)m.Value : 0;
        if (frame.Arp is not { Operation: ArpPacket.Reply } arp)
        {
            logger.LogInformation("ignoring a non-reply ARP packet-in on network key {Network}", networkKey);
            return null;
        }
        var entry = _entries.Values.FirstOrDefault(e => e.Target.Network.Key == networkKey &&
            e.Target.GatewayIp.Equals(arp.SenderIp) && e.Target.RouterIp.Equals(arp.TargetIp) && e.Target.RouterMac.Value == frame.Ethernet.Destination.Value);
        if (entry is null)
        {
            logger.LogInformation("ignoring an ARP reply from {Ip} ({Mac}) to {Target}: not asked for", arp.SenderIp, arp.SenderMac, arp.TargetIp);
            return null;
        }
        var now = time.GetUtcNow();
        entry.RepliedAt = now;
        var mac = new Model.MacAddress(arp.SenderMac.Value);
        var t = entry.Target;
        var stored = state.Get(NbTables.Neighbours, t.SubnetId) as Neighbour;
        (Model.MacAddress Mac, DateTimeOffset At)? lastWritten;
        lock (entry)
        {
            lastWritten = entry.Written;
        }
        var known = lastWritten is { } written && written.Mac == mac && now - written.At < options.NeighbourRefreshInterval / 2;
        var storedFresh = stored is not null && stored.MacAddress == mac && stored.IpAddress.Equals(t.GatewayIp) && stored.NetworkId == t.Network.Id &&
                          stored.ResolvedAt is { } at && now - at < options.NeighbourRefreshInterval / 2;
        if (known || storedFresh)
        {
            return null;
        }
        var record = new Neighbour
        {
            Id = t.SubnetId,
            NetworkId = t.Network.Id,
            IpAddress = t.GatewayIp,
            MacAddress = mac,
            ResolvedBy = state.ChassisName,
            ResolvedAt = now,
        };
        lock (entry)
        {
            entry.Written = (mac, now);
        }
        LastWrite = Task.Run(() => WriteAsync(entry, record));
        return record;
    }

    private async Task WriteAsync(Entry entry, Neighbour record)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                var current = await store.GetAsync<Neighbour>(record.Id);
                if (current is null)
                {
                    await store.CreateAsync(record);
                }
                else
                {
                    await store.UpdateAsync(record with { Version = current.Version });
                }
                Interlocked.Increment(ref _writes);
                logger.LogInformation("next hop {Ip} on {Network} is {Mac}", record.IpAddress, record.NetworkId, record.MacAddress);
                return;
            }
            catch (NbConflictException)
            {
                // Raced with another writer (a previous gateway chassis): read again.
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "could not store next hop {Ip} on {Network}; the next reply tries again", record.IpAddress, record.NetworkId);
                break;
            }
        }
        // Not written: let the next reply write it.
        lock (entry)
        {
            entry.Written = null;
        }
    }

    /// <summary>An ARP request from the router's gateway port for the subnet's gateway, out of the patch port (tagged on a VLAN network).</summary>
    private static PacketOut Request(NextHopTarget t)
    {
        var routerMac = new PacketMac(t.RouterMac.Value);
        var arp = new ArpPacket(ArpPacket.Request, routerMac, t.RouterIp, PacketMac.Zero, t.GatewayIp);
        var vlan = t.Network.NetworkType == NetworkType.Vlan ? (ushort?)t.Network.SegmentationId : null;
        var frame = FrameBuilder.Arp(routerMac, PacketMac.Broadcast, arp, vlan);
        return new PacketOut(OfpPort.Controller, new OfpAction[] { new OutputAction((uint)t.Patch) }, frame);
    }

    private sealed class Entry(NextHopTarget target)
    {
        public NextHopTarget Target { get; } = target;

        public DateTimeOffset? SentAt { get; set; }

        public DateTimeOffset? RepliedAt { get; set; }

        public (Model.MacAddress Mac, DateTimeOffset At)? Written { get; set; }
    }
}
