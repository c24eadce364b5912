using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Wyvern.Controller.Gateways;
using Wyvern.Controller.PacketIns;
using Wyvern.Controller.Tests.PacketIns;
using Wyvern.Model;
using Wyvern.Northbound.Embedded;
using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;
using Wyvern.Packets;
using Wyvern.Pipeline;
using Wyvern.Testing;
using Wyvern.Testing.Etcd;
using Wyvern.Testing.Simulation;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// Two gateway-capable chassis on an external network; router r1's active gateway is ch1.
/// ch1 asks for the external subnet's gateway MAC from r1's gateway port, the reply comes
/// back up from the physical network to ch1's controller only, and the controller stores
/// the <see cref="Neighbour"/>. When ch1 goes away, ch2 takes the learning over.
/// </summary>
[Trait("Layer", Layer.Scenario)]
public sealed class TwoGatewayChassis_NextHopTests : IDisposable
{
    private static readonly PacketMac RouterMac = PacketMac.Parse("fa:16:3e:00:09:01");
    private static readonly PacketMac UpstreamMac = PacketMac.Parse("52:54:00:aa:00:01");
    private static readonly IPAddress RouterIp = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress UpstreamIp = IPAddress.Parse("203.0.113.1");
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _dir = new();
    private readonly ManualTime _time = new();
    private readonly EmbeddedNbStore _store;

    public TwoGatewayChassis_NextHopTests() =>
        _store = EmbeddedNbStore.Open(_dir.File("nb.db"), new EmbeddedNbStoreOptions { SyncEveryCommit = false });

    public void Dispose()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dir.Dispose();
    }

    private static FakeNetwork Build(NetworkType type)
    {
        var net = new FakeNetwork().AddChassis("ch1", "172.31.0.1").AddChassis("ch2", "172.31.0.2");
        net.Put(Gateway("ch1", "172.31.0.1"), Gateway("ch2", "172.31.0.2"),
            new LogicalSwitch
            {
                Id = "ext", Key = 20, External = true, NetworkType = type, PhysicalNetwork = FakeNetwork.Physnet,
                SegmentationId = type == NetworkType.Vlan ? 300 : null,
            },
            new Subnet { Id = "ext-sub", NetworkId = "ext", Cidr = IPNetwork.Parse("203.0.113.0/24"), GatewayIp = UpstreamIp },
            new LogicalRouter
            {
                Id = "r1",
                Key = 5,
                ExternalGateway = new ExternalGateway
                {
                    NetworkId = "ext",
                    ExternalFixedIps = [new FixedIp("ext-sub", RouterIp)],
                    PortId = "gw-port",
                    MacAddress = new Model.MacAddress(RouterMac.Value),
                },
                GatewayChassis = ValueList.Of("ch1", "ch2"),
            });
        return net;
    }

    private static Chassis Gateway(string name, string ip) => FakeNetwork.Record(name, ip) with
    {
        GatewayCapable = true,
        BridgeMappings = new ValueMap(new Dictionary<string, string> { [FakeNetwork.Physnet] = "br-ex" }),
    };

    private NextHopResolver Resolver(FakeNetwork net, string chassis) =>
        new(net[chassis].Engine.State, _store, new ControllerOptions { ChassisName = chassis, NeighbourRefreshInterval = Refresh }, _time, NullLogger.Instance);

    private static byte[] Reply(PacketMac from, ushort? vlan) =>
        FrameBuilder.Arp(from, RouterMac, new ArpPacket(ArpPacket.Reply, from, UpstreamIp, RouterMac, RouterIp), vlan);

    private static PacketIn ToPacketIn(SimPacketIn p) =>
        new(OfpPort.NoBufferId, (ushort)p.Packet.Frame.Length, p.Reason, p.Table, FlowCookie.For(AppId.Neighbour),
            Match.Create(MatchField.InPort(FakeNetwork.PhysnetPatchPort), MatchField.Metadata(p.Packet[OxmField.Metadata] ?? 0)), p.Packet.Frame);

    [Theory]
    [InlineData(NetworkType.Flat)]
    [InlineData(NetworkType.Vlan)]
    public async Task ActiveGateway_AsksOnThePhysicalNetwork_LearnsTheReply_AndStoresIt(NetworkType type)
    {
        var net = Build(type);
        ushort? vlan = type == NetworkType.Vlan ? (ushort)300 : null;
        var resolver = Resolver(net, "ch1");

        // The request: from r1's gateway port, for the subnet's gateway, out of the patch port.
        var request = resolver.Due().ShouldHaveSingleItem();
        request.Actions.ToArray().ShouldBe([new OutputAction(FakeNetwork.PhysnetPatchPort)]);
        var asked = FrameView.Parse(request.Data.Span);
        asked.Ethernet.VlanId.ShouldBe(vlan);
        asked.Ethernet.Destination.ShouldBe(PacketMac.Broadcast);
        asked.Arp.ShouldBe(new ArpPacket(ArpPacket.Request, RouterMac, RouterIp, PacketMac.Zero, UpstreamIp));
        Resolver(net, "ch2").Due().ShouldBeEmpty();   // the standby does not ask

        // The reply from the physical network reaches ch1's controller, and nothing else.
        var trace = net["ch1"].Send(FakeNetwork.PhysnetPatchPort, Reply(UpstreamMac, vlan));
        trace.Outputs.ShouldBeEmpty();
        var packetIn = trace.PacketIns.ShouldHaveSingleItem();
        packetIn.Table.ShouldBe((byte)TableId.IngressNat);
        net["ch2"].Send(FakeNetwork.PhysnetPatchPort, Reply(UpstreamMac, vlan)).PacketIns.ShouldBeEmpty();

        var handler = new PacketInHandler(net["ch1"].Engine.State, new ControllerOptions { ChassisName = "ch1" }, _time, NullLogger.Instance) { NextHops = resolver };
        handler.Handle(ToPacketIn(packetIn)).ShouldBeNull();   // learned, not answered
        await resolver.LastWrite;

        var stored = (await _store.GetAsync<Neighbour>("ext-sub")).ShouldNotBeNull();
        stored.NetworkId.ShouldBe("ext");
        stored.IpAddress.ShouldBe(UpstreamIp);
        stored.MacAddress.Value.ShouldBe(UpstreamMac.Value);
        stored.ResolvedBy.ShouldBe("ch1");
        net.Put(stored);

        // The same answer again (a duplicate, or a retry's) rewrites nothing.
        resolver.Learn(ToPacketIn(packetIn)).ShouldBeNull();
        (await _store.GetAsync<Neighbour>("ext-sub"))!.Version.ShouldBe(stored.Version);
        net.Verify();
    }

    [Fact]
    public async Task Unanswered_IsAskedEveryRetry_Resolved_IsRefreshed_AndAChangedMacFollows()
    {
        var net = Build(NetworkType.Flat);
        var resolver = Resolver(net, "ch1");
        resolver.Due().Count.ShouldBe(1);
        resolver.Due().ShouldBeEmpty();
        _time.Advance(TimeSpan.FromSeconds(1));
        resolver.Due().Count.ShouldBe(1);   // no answer yet: ask again

        var first = LearnFrom(net, UpstreamMac).ShouldNotBeNull();
        await resolver.LastWrite;
        _time.Advance(TimeSpan.FromSeconds(5));
        resolver.Due().ShouldBeEmpty();     // resolved: quiet until the refresh

        _time.Advance(Refresh);
        resolver.Due().Count.ShouldBe(1);   // refresh
        var moved = PacketMac.Parse("52:54:00:aa:00:02");
        var second = LearnFrom(net, moved).ShouldNotBeNull();
        await resolver.LastWrite;

        second.MacAddress.Value.ShouldBe(moved.Value);
        var stored = (await _store.GetAsync<Neighbour>("ext-sub"))!;
        stored.MacAddress.Value.ShouldBe(moved.Value);
        stored.Version.ShouldBeGreaterThan(first.Version);
        resolver.Writes.ShouldBe(2);

        Neighbour? LearnFrom(FakeNetwork n, PacketMac mac) =>
            resolver.Learn(ToPacketIn(n["ch1"].Send(FakeNetwork.PhysnetPatchPort, Reply(mac, null)).PacketIns.Single()));
    }

    [Fact]
    public void ActiveGatewayExpires_TheStandbyTakesTheLearningOver()
    {
        var net = Build(NetworkType.Flat);
        var before = net["ch2"].Snapshot();

        net.Delete<Chassis>("ch1");   // ch1's lease expired

        Resolver(net, "ch2").Due().Count.ShouldBe(1);
        net["ch2"].Send(FakeNetwork.PhysnetPatchPort, Reply(UpstreamMac, null)).PacketIns.ShouldHaveSingleItem();
        net.Verify();

        net.Put(Gateway("ch1", "172.31.0.1"));   // back: ch1 is first again
        net["ch2"].Snapshot().ShouldBe(before);
        Resolver(net, "ch2").Due().ShouldBeEmpty();
        net.Verify();
    }

    [Fact]
    public void MalformedOrUnaskedReplies_AreIgnored()
    {
        var net = Build(NetworkType.Flat);
        var resolver = Resolver(net, "ch1");
        resolver.Due().Count.ShouldBe(1);
        var handler = new PacketInHandler(net["ch1"].Engine.State, new ControllerOptions { ChassisName = "ch1" }, _time, NullLogger.Instance) { NextHops = resolver };
        var good = ToPacketIn(net["ch1"].Send(FakeNetwork.PhysnetPatchPort, Reply(UpstreamMac, null)).PacketIns.Single());

        handler.Handle(good with { Data = good.Data.Span[..20].ToArray() }).ShouldBeNull();   // truncated ARP
        var other = FrameBuilder.Arp(UpstreamMac, RouterMac, new ArpPacket(ArpPacket.Reply, UpstreamMac, IPAddress.Parse("203.0.113.99"), RouterMac, RouterIp));
        resolver.Learn(good with { Data = other }).ShouldBeNull();   // not the address asked for
        resolver.Learn(good with { Match = Match.Create(MatchField.Metadata(99)) }).ShouldBeNull();   // another network
        resolver.Writes.ShouldBe(0);
    }
}
