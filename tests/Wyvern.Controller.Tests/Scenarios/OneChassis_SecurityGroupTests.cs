using System.Net;
using Wyvern.Model;
using Wyvern.OpenFlow.Matching;
using Wyvern.Packets;
using Wyvern.Pipeline;
using Wyvern.Testing;
using static Wyvern.Controller.Tests.Scenarios.EastWestTopology;
using static Wyvern.Controller.Tests.Scenarios.SecurityGroupModel;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// Stateful security groups on one chassis (vm1, vm2 on net-a; vm3 on net-b
/// behind the router): every rule shape, replies, removal, invalid
/// connections, remote-group membership, allowed address pairs, port security off.
/// </summary>
[Trait("Layer", Layer.Scenario)]
public sealed class OneChassis_SecurityGroupTests
{
    private const ushort ClientPort = 40000;

    private static readonly SecurityGroup EgressOnly = Group("sg-client", 2, Rule("c-out4", RuleDirection.Egress));

    private static readonly SecurityGroup Web = Group("sg-web", 3,
        Rule("w-out4", RuleDirection.Egress),
        Rule("w-8080", RuleDirection.Ingress, protocol: 6, min: 8080, max: 8080, prefix: "10.0.0.0/24"));

    private static ScenarioSwitch Build(string[] vm1, string[] vm2, string[] vm3, params SecurityGroup[] groups)
    {
        var s = new ScenarioSwitch();
        s.Put([.. groups]);
        s.Put(NetA, NetB, SubnetA, SubnetB, Router,
            Vm1 with { SecurityGroupIds = [.. vm1] }, Vm2 with { SecurityGroupIds = [.. vm2] }, Vm3 with { SecurityGroupIds = [.. vm3] });
        s.Plug(Vm1.Id, OfVm1).Plug(Vm2.Id, OfVm2).Plug(Vm3.Id, OfVm3);
        return s;
    }

    private static byte[] Syn(LogicalPort from, LogicalPort to, ushort dstPort, ushort srcPort = ClientPort) =>
        FrameBuilder.TcpSyn(Mac(from), DestinationMac(from, to), Ip(from), Ip(to), srcPort, dstPort);

    private static byte[] Segment(LogicalPort from, LogicalPort to, ushort srcPort, ushort dstPort, byte flags) =>
        FrameBuilder.Tcp(Mac(from), DestinationMac(from, to), Ip(from), Ip(to), srcPort, dstPort, flags);

    private static byte[] Ping(LogicalPort from, LogicalPort to, byte type = IcmpV4.EchoRequest) =>
        FrameBuilder.IcmpEcho(Mac(from), DestinationMac(from, to), Ip(from), Ip(to), type, 7, 1);

    // Across networks the packet goes to the router's interface MAC.
    private static Packets.MacAddress DestinationMac(LogicalPort from, LogicalPort to) =>
        from.NetworkId == to.NetworkId ? Mac(to) : from.NetworkId == NetA.Id ? RouterMacA : RouterMacB;

    private static uint OfPortOf(LogicalPort p) => p.Id switch { "vm1" => OfVm1, "vm2" => OfVm2, _ => OfVm3 };

    private static bool Delivered(ScenarioSwitch s, LogicalPort from, byte[] frame, LogicalPort to) =>
        s.Send(OfPortOf(from), frame).Outputs.Any(o => o.Port == OfPortOf(to));

    [Fact]
    public void DefaultGroup_MembersConnect_NonMemberIsRefused()
    {
        var s = Build([DefaultId], [DefaultId], [EgressOnly.Id], Default, EgressOnly);

        Delivered(s, Vm1, Syn(Vm1, Vm2, 22), Vm2).ShouldBeTrue();
        Delivered(s, Vm3, Syn(Vm3, Vm1, 22), Vm1).ShouldBeFalse(); // routed in from a port outside the group
        Delivered(s, Vm1, Syn(Vm1, Vm3, 22), Vm3).ShouldBeFalse(); // vm3 admits no ingress
        s.Verify();
    }

    [Fact]
    public void TcpPortFromCidr_AdmitsThatPortOnly_AndItsReplies()
    {
        var s = Build([EgressOnly.Id], [Web.Id], [EgressOnly.Id], EgressOnly, Web);

        Delivered(s, Vm1, Syn(Vm1, Vm2, 8080), Vm2).ShouldBeTrue();
        // The server's SYN-ACK reaches vm1, whose group admits no ingress at all: it is a reply.
        Delivered(s, Vm2, Segment(Vm2, Vm1, 8080, ClientPort, FrameBuilder.TcpSynFlag | FrameBuilder.TcpAckFlag), Vm1).ShouldBeTrue();
        Delivered(s, Vm1, Segment(Vm1, Vm2, ClientPort, 8080, FrameBuilder.TcpAckFlag), Vm2).ShouldBeTrue();

        Delivered(s, Vm1, Syn(Vm1, Vm2, 8081, 40001), Vm2).ShouldBeFalse();
        Delivered(s, Vm1, Ping(Vm1, Vm2), Vm2).ShouldBeFalse();
        Delivered(s, Vm3, Syn(Vm3, Vm2, 8080), Vm2).ShouldBeFalse(); // 10.0.1.13 is outside 10.0.0.0/24
        // vm2 cannot open a connection to vm1 on its own.
        Delivered(s, Vm2, Syn(Vm2, Vm1, 22), Vm1).ShouldBeFalse();
        s.Verify();
    }

    [Fact]
    public void RuleRemoved_NewConnectionsFail_EstablishedOnesContinue()
    {
        var s = Build([EgressOnly.Id], [Web.Id], [EgressOnly.Id], EgressOnly, Web);
        Delivered(s, Vm1, Syn(Vm1, Vm2, 8080), Vm2).ShouldBeTrue();
        Delivered(s, Vm2, Segment(Vm2, Vm1, 8080, ClientPort, FrameBuilder.TcpSynFlag | FrameBuilder.TcpAckFlag), Vm1).ShouldBeTrue();
        var before = s.Snapshot();

        s.Put(Web.Without("w-8080"));

        Delivered(s, Vm1, Syn(Vm1, Vm2, 8080, 40002), Vm2).ShouldBeFalse();
        Delivered(s, Vm1, Segment(Vm1, Vm2, ClientPort, 8080, FrameBuilder.TcpAckFlag), Vm2).ShouldBeTrue();
        s.Verify();

        s.Put(Web);
        s.Snapshot().ShouldBe(before);
        Delivered(s, Vm1, Syn(Vm1, Vm2, 8080, 40003), Vm2).ShouldBeTrue();
        s.Verify();
    }

    [Fact]
    public void Ping_OnlyAfterAnIcmpRule_AndTheReplyReturns()
    {
        var s = Build([EgressOnly.Id], [Web.Id], [EgressOnly.Id], EgressOnly, Web);
        Delivered(s, Vm1, Ping(Vm1, Vm2), Vm2).ShouldBeFalse();

        s.Put(Web.With(Rule("w-icmp", RuleDirection.Ingress, protocol: 1)));

        Delivered(s, Vm1, Ping(Vm1, Vm2), Vm2).ShouldBeTrue();
        Delivered(s, Vm2, Ping(Vm2, Vm1, IcmpV4.EchoReply), Vm1).ShouldBeTrue();
        s.Verify();
    }

    [Fact]
    public void IcmpTypeRule_AdmitsThatTypeOnly()
    {
        var s = Build([EgressOnly.Id], [Web.Id], [EgressOnly.Id], EgressOnly,
            Web.With(Rule("w-echo", RuleDirection.Ingress, protocol: 1, min: IcmpV4.EchoRequest, max: 0)));

        Delivered(s, Vm1, Ping(Vm1, Vm2), Vm2).ShouldBeTrue();
        Delivered(s, Vm3, Ping(Vm3, Vm2, 13), Vm2).ShouldBeFalse(); // timestamp request
        s.Verify();
    }

    [Fact]
    public void PortRange_AdmitsEveryPortInside_AndNoneOutside()
    {
        var s = Build([EgressOnly.Id], [Web.Id], [EgressOnly.Id], EgressOnly,
            Web.With(Rule("w-range", RuleDirection.Ingress, protocol: 17, min: 5000, max: 5100)));
        bool Udp(ushort port) => Delivered(s, Vm1,
            FrameBuilder.Udp(Mac(Vm1), Mac(Vm2), Ip(Vm1), Ip(Vm2), (ushort)(port + 1000), port, new byte[8]), Vm2);

        foreach (ushort p in new ushort[] { 5000, 5001, 5050, 5099, 5100 })
        {
            Udp(p).ShouldBeTrue($"udp {p}");
        }
        foreach (ushort p in new ushort[] { 4999, 5101, 8080 })
        {
            Udp(p).ShouldBeFalse($"udp {p}");
        }
        s.Verify();
    }

    [Fact]
    public void InvalidConnection_IsDropped()
    {
        var s = Build([DefaultId], [DefaultId], [DefaultId], Default);

        // An ACK with no connection behind it: conntrack says +inv.
        Delivered(s, Vm1, Segment(Vm1, Vm2, ClientPort, 22, FrameBuilder.TcpAckFlag), Vm2).ShouldBeFalse();
        s.Verify();
    }

    [Fact]
    public void RemoteGroup_FollowsMembershipChanges_IncrementallyAsInFull()
    {
        var friends = Group("sg-friends", 4, Rule("f-out4", RuleDirection.Egress));
        var guarded = Group("sg-guarded", 5, Rule("g-out4", RuleDirection.Egress),
            Rule("g-ssh", RuleDirection.Ingress, protocol: 6, min: 22, max: 22, remoteGroup: friends.Id));
        var s = Build([EgressOnly.Id], [guarded.Id], [friends.Id], EgressOnly, friends, guarded);
        var before = s.Snapshot();

        Delivered(s, Vm3, Syn(Vm3, Vm2, 22), Vm2).ShouldBeTrue();
        Delivered(s, Vm1, Syn(Vm1, Vm2, 22), Vm2).ShouldBeFalse();

        s.Put(Vm1 with { SecurityGroupIds = [EgressOnly.Id, friends.Id] });
        Delivered(s, Vm1, Syn(Vm1, Vm2, 22, 40010), Vm2).ShouldBeTrue();
        s.Verify();

        s.Put(Vm1 with { SecurityGroupIds = [EgressOnly.Id] }, Vm3 with { SecurityGroupIds = [EgressOnly.Id] });
        Delivered(s, Vm1, Syn(Vm1, Vm2, 22, 40011), Vm2).ShouldBeFalse();
        Delivered(s, Vm3, Syn(Vm3, Vm2, 22, 40012), Vm2).ShouldBeFalse();
        s.Verify();

        s.Put(Vm3 with { SecurityGroupIds = [friends.Id] });
        s.Snapshot().ShouldBe(before);
    }

    [Fact]
    public void RuleAddedToTheGroupEveryPortIsIn_ChangesNoPortFlow_AndAdmitsAtOnce()
    {
        var s = Build([DefaultId], [DefaultId], [EgressOnly.Id], Default, EgressOnly);
        var portFlows = PortFlows(s);
        Delivered(s, Vm3, Syn(Vm3, Vm1, 8080), Vm1).ShouldBeFalse(); // vm3 is not a member

        s.Put(Default.With(Rule("d-8080", RuleDirection.Ingress, protocol: 6, min: 8080, max: 8080, prefix: "0.0.0.0/0")));

        Delivered(s, Vm3, Syn(Vm3, Vm1, 8080, 40040), Vm1).ShouldBeTrue();
        Delivered(s, Vm3, Syn(Vm3, Vm2, 8080, 40041), Vm2).ShouldBeTrue();
        Delivered(s, Vm3, Syn(Vm3, Vm1, 22, 40042), Vm1).ShouldBeFalse();
        PortFlows(s).ShouldBe(portFlows);
        s.LastSyncCount.ShouldBeLessThanOrEqualTo(5); // the group's key clauses (both halves of reg8), remote, protocol and conj_id flows
        s.Verify();
    }

    [Fact]
    public void TwoGroups_TheirKeysShareReg8_AndARuleAddedToEitherChangesNoPortFlow()
    {
        var ssh = Group("sg-ssh", 6, Rule("s-22", RuleDirection.Ingress, protocol: 6, min: 22, max: 22));
        var s = Build([EgressOnly.Id], [Web.Id, ssh.Id], [EgressOnly.Id], EgressOnly, Web, ssh);
        var portFlows = PortFlows(s);
        Delivered(s, Vm3, Syn(Vm3, Vm2, 9090), Vm2).ShouldBeFalse();

        s.Put(ssh.With(Rule("s-9090", RuleDirection.Ingress, protocol: 6, min: 9090, max: 9090)));
        s.Put(Web.With(Rule("w-7070", RuleDirection.Ingress, protocol: 6, min: 7070, max: 7070)));

        Delivered(s, Vm3, Syn(Vm3, Vm2, 9090, 40060), Vm2).ShouldBeTrue();
        Delivered(s, Vm3, Syn(Vm3, Vm2, 7070, 40061), Vm2).ShouldBeTrue();
        Delivered(s, Vm3, Syn(Vm3, Vm2, 6060, 40062), Vm2).ShouldBeFalse();
        PortFlows(s).ShouldBe(portFlows);
        s.Verify();
    }

    [Fact]
    public void TwoGroupsOneMissing_TheOtherGroupsRuleChangesStillReachThePort()
    {
        // Until sg-later exists vm2 has no key and lists sg-web's rules in its own clauses.
        var s = Build([EgressOnly.Id], [Web.Id, "sg-later"], [EgressOnly.Id], EgressOnly, Web);
        Delivered(s, Vm1, Syn(Vm1, Vm2, 9090), Vm2).ShouldBeFalse();

        s.Put(Web.With(Rule("w-9090", RuleDirection.Ingress, protocol: 6, min: 9090, max: 9090)));
        Delivered(s, Vm1, Syn(Vm1, Vm2, 9090, 40070), Vm2).ShouldBeTrue();
        s.Verify();

        s.Put(Group("sg-later", 8, Rule("l-22", RuleDirection.Ingress, protocol: 6, min: 22, max: 22)));
        Delivered(s, Vm1, Syn(Vm1, Vm2, 22, 40071), Vm2).ShouldBeTrue();
        Delivered(s, Vm1, Syn(Vm1, Vm2, 9090, 40072), Vm2).ShouldBeTrue();
        s.Verify();
    }

    [Fact]
    public void RuleAddedToOneOfAPortsGroups_ReachesThatPortsOwnClauses()
    {
        // In three groups a port has no key: it lists its groups' rules in clauses of its own.
        var ssh = Group("sg-ssh", 6, Rule("s-22", RuleDirection.Ingress, protocol: 6, min: 22, max: 22));
        var s = Build([EgressOnly.Id], [Web.Id, ssh.Id, EgressOnly.Id], [EgressOnly.Id], EgressOnly, Web, ssh);
        Delivered(s, Vm3, Syn(Vm3, Vm2, 9090), Vm2).ShouldBeFalse();

        s.Put(ssh.With(Rule("s-9090", RuleDirection.Ingress, protocol: 6, min: 9090, max: 9090)));

        Delivered(s, Vm3, Syn(Vm3, Vm2, 9090, 40030), Vm2).ShouldBeTrue();
        Delivered(s, Vm3, Syn(Vm3, Vm2, 22, 40031), Vm2).ShouldBeTrue();
        s.Verify();
    }

    [Fact]
    public void SendersKey_DoesNotReachAKeylessDestination()
    {
        // vm3's one group admits TCP 8081 to its members; vm1, in three groups, has no key. Were
        // vm3's key left in reg8 at vm1's ingress, that rule would admit vm3.
        var outsider = Group("sg-out", 7, Rule("o-out4", RuleDirection.Egress),
            Rule("o-8081", RuleDirection.Ingress, protocol: 6, min: 8081, max: 8081));
        var s = Build([DefaultId, Web.Id, EgressOnly.Id], [DefaultId], [outsider.Id], Default, Web, EgressOnly, outsider);

        Delivered(s, Vm3, Syn(Vm3, Vm1, 8081), Vm1).ShouldBeFalse();
        Delivered(s, Vm2, Syn(Vm2, Vm1, 8081), Vm1).ShouldBeTrue(); // a default-group member
        Delivered(s, Vm3, Syn(Vm3, Vm1, 8080, 40050), Vm1).ShouldBeFalse(); // sg-web admits 8080 from net-a only
        s.Verify();
    }

    private static List<string> PortFlows(ScenarioSwitch s) =>
        [.. s.Engine.Desired.All.Where(f => f.Owner.StartsWith("port/", StringComparison.Ordinal))
            .Select(f => $"{f.Key} {string.Join(";", f.Instructions)}").Order(StringComparer.Ordinal)];

    [Fact]
    public void SeveralGroups_GiveTheUnion()
    {
        var ssh = Group("sg-ssh", 6, Rule("s-22", RuleDirection.Ingress, protocol: 6, min: 22, max: 22));
        var s = Build([EgressOnly.Id], [Web.Id, ssh.Id], [EgressOnly.Id], EgressOnly, Web, ssh);

        Delivered(s, Vm1, Syn(Vm1, Vm2, 8080), Vm2).ShouldBeTrue();
        Delivered(s, Vm3, Syn(Vm3, Vm2, 22), Vm2).ShouldBeTrue();
        Delivered(s, Vm3, Syn(Vm3, Vm2, 8080, 40020), Vm2).ShouldBeFalse();
        s.Verify();
    }

    [Fact]
    public void AllowedAddressPair_IsAdmittedAndAMember_SpoofedAddressIsNot()
    {
        var vip = IPAddress.Parse("10.0.0.100");
        var s = Build([DefaultId], [DefaultId], [DefaultId], Default);
        s.Put(Vm1 with { SecurityGroupIds = [DefaultId], AllowedAddressPairs = [new AllowedAddressPair(new IPNetwork(vip, 32))] });

        // To the VIP (vm1's MAC): admitted from a member.
        Delivered(s, Vm2, FrameBuilder.TcpSyn(Mac(Vm2), Mac(Vm1), Ip(Vm2), vip, ClientPort, 80), Vm1).ShouldBeTrue();
        // From the VIP: passes anti-spoofing, and the VIP counts as a member of vm1's group at vm2.
        Delivered(s, Vm1, FrameBuilder.TcpSyn(Mac(Vm1), Mac(Vm2), vip, Ip(Vm2), ClientPort, 80), Vm2).ShouldBeTrue();
        // Any other source address is dropped by anti-spoofing.
        Delivered(s, Vm1, FrameBuilder.TcpSyn(Mac(Vm1), Mac(Vm2), IPAddress.Parse("10.0.0.101"), Ip(Vm2), ClientPort, 80), Vm2).ShouldBeFalse();
        s.Verify();
    }

    [Fact]
    public void PortSecurityOff_IsExemptFromGroups()
    {
        var s = Build([DefaultId], [DefaultId], [EgressOnly.Id], Default, EgressOnly);
        s.Put(Vm2 with { PortSecurityEnabled = false, SecurityGroupIds = [] });

        Delivered(s, Vm3, Syn(Vm3, Vm2, 9999), Vm2).ShouldBeTrue();
        Delivered(s, Vm2, Syn(Vm2, Vm3, 9999), Vm3).ShouldBeFalse(); // vm3's own ingress still applies
        s.Verify();
    }

    [Fact]
    public void NoGroup_ReceivesNothing_ButDhcpAndArpStillWork()
    {
        var s = Build([], [DefaultId], [DefaultId], Default);

        Delivered(s, Vm2, Syn(Vm2, Vm1, 22), Vm1).ShouldBeFalse();
        Delivered(s, Vm1, Syn(Vm1, Vm2, 22), Vm2).ShouldBeFalse(); // no egress either
        var arp = new ArpPacket(ArpPacket.Request, Mac(Vm1), Ip(Vm1), Packets.MacAddress.Zero, Ip(Vm2));
        s.Send(OfVm1, FrameBuilder.Arp(Mac(Vm1), Packets.MacAddress.Broadcast, arp)).Outputs.ShouldHaveSingleItem().Port.ShouldBe((uint)OfVm1);
        s.Verify();
    }

    [Fact]
    public void OverlappingTenantAddresses_UseOneZonePerNetwork()
    {
        var s = Build([DefaultId], [DefaultId], [DefaultId], Default);

        var zones = s.Engine.Desired.All.Where(f => f.Table == TableId.IngressConntrack && f.Priority == 100)
            .Select(f => f.Match.Fields.ToArray().Single(m => m.Field == OxmField.Metadata).Value).Distinct().Order().ToList();
        zones.ShouldBe([(UInt128)NetA.Key, (UInt128)NetB.Key]);
        s.Verify();
    }

    [Fact]
    public void Ipv6_DefaultGroupMember_IsAdmitted_NonMemberIsNot_AndNdPasses()
    {
        LogicalPort V6(string id, int key, string mac, string ip, params string[] groups) => new()
        {
            Id = id,
            Key = key,
            NetworkId = NetA.Id,
            MacAddress = Model.MacAddress.Parse(mac),
            FixedIps = [new FixedIp("sub-a6", IPAddress.Parse(ip))],
            DeviceOwner = "compute:nova",
            SecurityGroupIds = [.. groups],
        };
        var a = V6("v6a", 31, "fa:16:3e:00:06:31", "2001:db8:a::31", DefaultId);
        var b = V6("v6b", 32, "fa:16:3e:00:06:32", "2001:db8:a::32", DefaultId);
        var c = V6("v6c", 33, "fa:16:3e:00:06:33", "2001:db8:a::33", EgressOnly.Id);
        var s = new ScenarioSwitch();
        s.Put(Default, EgressOnly, NetA, a, b, c);
        s.Plug(a.Id, 31).Plug(b.Id, 32).Plug(c.Id, 33);
        byte[] Echo(LogicalPort from, LogicalPort to) => FrameBuilder.Icmpv6(new(from.MacAddress.Value), new(to.MacAddress.Value),
            from.FixedIps[0].IpAddress, to.FixedIps[0].IpAddress, IcmpV6.EchoRequest, 0, new byte[12], hopLimit: 64);

        s.Send(31, Echo(a, b)).Outputs.Select(o => o.Port).ShouldBe([32u]);
        s.Send(33, Echo(c, a)).Outputs.ShouldBeEmpty();
        // Neighbour solicitation from the non-member still reaches the member (ND bypasses the groups).
        var ns = FrameBuilder.NeighborSolicitation(new(c.MacAddress.Value), c.FixedIps[0].IpAddress, a.FixedIps[0].IpAddress);
        s.Send(33, ns).Outputs.Select(o => o.Port).ShouldContain(31u);
        s.Verify();
    }
}
