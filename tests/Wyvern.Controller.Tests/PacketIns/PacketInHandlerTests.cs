using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Wyvern.Controller.Engine;
using Wyvern.Controller.PacketIns;
using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;
using Wyvern.Packets;
using Wyvern.Packets.Dhcp;
using Wyvern.Pipeline;
using Wyvern.Testing;
using static Wyvern.Controller.Tests.Scenarios.EastWestTopology;

namespace Wyvern.Controller.Tests.PacketIns;

[Trait("Layer", Layer.Unit)]
public sealed class PacketInHandlerTests
{
    private readonly ManualTime _time = new();

    [Fact]
    public void DhcpDiscover_FromTheDhcpTable_IsAnsweredOutOfTheInPort()
    {
        var handler = Handler(out _);

        var reply = handler.Handle(PacketIn(TableId.Dhcp, PacketInReason.Action, Vm1.Key, NetA.Key, DhcpDiscover(Mac(Vm1), xid: 7))).ShouldNotBeNull();

        reply.Actions.ShouldBe([new OutputAction(OfVm1)]);
        var view = FrameView.Parse(reply.Data.Span.ToArray());
        var offer = DhcpMessage.Parse(view.UdpPayload(reply.Data.Span.ToArray()));
        offer.MessageType.ShouldBe(DhcpMessageType.Offer);
        offer.YourIp.ShouldBe(Ip(Vm1));
        view.Ethernet.Source.ShouldBe(PacketInHandler.DhcpServerMac(NetA));
    }

    [Fact]
    public void InvalidTtl_GetsTimeExceeded_FromTheIngressRouterInterface()
    {
        var handler = Handler(out _);
        var expired = FrameBuilder.IcmpEcho(Mac(Vm1), RouterMacA, Ip(Vm1), Ip(Vm3), IcmpV4.EchoRequest, 1, 1, ttl: 1);

        var reply = handler.Handle(PacketIn(TableId.L3Lookup, PacketInReason.InvalidTtl, Vm1.Key, NetA.Key, expired, routerKey: Router.Key)).ShouldNotBeNull();

        var view = FrameView.Parse(reply.Data.Span.ToArray());
        view.Icmp.ShouldBe((IcmpV4.TimeExceeded, IcmpV4.TtlExceededInTransit));
        view.Ipv4!.Value.Source.ShouldBe(IPAddress.Parse("10.0.0.1"));
        view.Ipv4!.Value.Destination.ShouldBe(Ip(Vm1));
        view.Ethernet.Source.ShouldBe(RouterMacA);
    }

    [Fact]
    public void AFloodingPort_IsRateLimited_AndRecoversWithTime()
    {
        var handler = Handler(out _, ratePerPort: 5);
        var discover = PacketIn(TableId.Dhcp, PacketInReason.Action, Vm1.Key, NetA.Key, DhcpDiscover(Mac(Vm1), xid: 7));

        var answered = Enumerable.Range(0, 100).Count(_ => handler.Handle(discover) is not null);

        answered.ShouldBe(10); // the burst: twice the rate
        handler.RateLimited.ShouldBe(90);
        // Another port is not starved by the first.
        handler.Handle(PacketIn(TableId.Dhcp, PacketInReason.Action, Vm2.Key, NetA.Key, DhcpDiscover(Mac(Vm2), xid: 7))).ShouldNotBeNull();
        _time.Advance(TimeSpan.FromSeconds(1));
        Enumerable.Range(0, 100).Count(_ => handler.Handle(discover) is not null).ShouldBe(5);
    }

    [Fact]
    public void MalformedPacket_IsDroppedWithoutThrowing()
    {
        var handler = Handler(out _);

        handler.Handle(PacketIn(TableId.Dhcp, PacketInReason.Action, Vm1.Key, NetA.Key, DhcpDiscover(Mac(Vm1), xid: 7)[..60])).ShouldBeNull();
    }

    private PacketInHandler Handler(out ChassisState state, double ratePerPort = 50)
    {
        var s = Build();
        state = s.Engine.State;
        return new PacketInHandler(state, new ControllerOptions { ChassisName = "chassis-1", PacketInRatePerPort = ratePerPort }, _time, NullLogger.Instance);
    }

    private static PacketIn PacketIn(TableId table, PacketInReason reason, int portKey, int networkKey, byte[] frame, int routerKey = 0) =>
        new(OfpPort.NoBufferId, (ushort)frame.Length, reason, (byte)table, FlowCookie.For(AppId.Dhcp),
            Match.Create(MatchField.InPort((uint)(portKey == Vm1.Key ? OfVm1 : OfVm2)), Registers.MatchSourcePort(portKey),
                Registers.MatchNetwork(networkKey), Registers.MatchRouter(routerKey)),
            frame);
}
