using System.Net;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Channel;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;
using Wyvern.Testing;
using Wyvern.Testing.Harness;

namespace Wyvern.OpenFlow.Tests.Channel;

/// <summary>
/// The channel and codec against a real ovs-vswitchd (userspace datapath) in
/// its own namespace: the bridge connects to our unix-socket listener, we
/// install flows with our encoder in a bundle, and ovs-ofctl prints them back.
/// </summary>
[Trait("Layer", Layer.Ovs)]
public sealed class LiveOvsChannelTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private Chassis _chassis = null!;
    private OpenFlowListener _listener = null!;
    private SwitchSession _session = null!;

    public async Task InitializeAsync()
    {
        HostRequirements.EnsureRealOvs();
        _chassis = await Chassis.StartAsync();
        _listener = new OpenFlowListener();
        _listener.ListenUnix(_chassis.ControllerSocketPath);
        // Gotcha 3: set-controller flushes flows, so connect first, then install.
        await _chassis.VsctlAsync("set-controller", Chassis.IntegrationBridge, _chassis.ControllerTarget);
        _session = await _listener.AcceptAsync().AsTask().WaitAsync(Wait);
        await _session.SendBatchAsync([new GroupMod(GroupModCommand.Add, GroupType.All, 1, [new Bucket([new OutputAction(3)])])]);
    }

    public async Task DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        if (_chassis is not null)
        {
            await _chassis.DisposeAsync();
        }
    }

    [Fact]
    public async Task Bundle_OfPipelineFlows_IsWhatOvsDumps()
    {
        await _session.InstallBundleAsync(PipelineFlows.Select(f => (OfpMessage)f.Flow).ToList());

        var dumped = await _chassis.DumpFlowsAsync();

        dumped.ShouldBe(PipelineFlows.Select(f => f.OvsText).ToList(), ignoreOrder: true);
    }

    [Fact]
    public async Task ServiceConnection_ToTheBridgeManagementSocket_IsTheSameSwitch_AndCommitsBundles()
    {
        await using var service = await SwitchConnector.ConnectAsync("unix:" + Path.Combine(_chassis.RunDir, Chassis.IntegrationBridge + ".mgmt"))
            .WaitAsync(Wait);

        service.DatapathId.ShouldBe(_session.DatapathId);
        (await service.CommitBundleAsync(PipelineFlows.Select(f => (OfpMessage)f.Flow).ToList())).ShouldBeEmpty();

        (await _chassis.DumpFlowsAsync()).ShouldBe(PipelineFlows.Select(f => f.OvsText).ToList(), ignoreOrder: true);
    }

    [Fact]
    public async Task ServiceConnection_WhereNothingListens_FailsWithASocketError()
    {
        await Should.ThrowAsync<System.Net.Sockets.SocketException>(
            SwitchConnector.ConnectAsync("unix:" + Path.Combine(_chassis.RunDir, "no-such-bridge.mgmt")));
        Should.Throw<FormatException>(() => SwitchConnector.ParseTarget("ssl:127.0.0.1:6653"));
    }

    [Fact]
    public async Task DumpFlows_ThroughTheChannel_DecodesToTheFlowsWeSent()
    {
        await _session.InstallBundleAsync(PipelineFlows.Select(f => (OfpMessage)f.Flow).ToList());

        var stats = await _session.DumpFlowsAsync();

        stats.Select(s => (s.TableId, s.Priority, s.Cookie, s.Match, s.Instructions)).ShouldBe(
            PipelineFlows.Select(f => (f.Flow.TableId, f.Flow.Priority, f.Flow.Cookie, f.Flow.Match, f.Flow.Instructions)),
            ignoreOrder: true);
    }

    [Fact]
    public async Task Bundle_WithOneInvalidFlow_FailsNamingItAndInstallsNothing()
    {
        var bad = new FlowMod { TableId = 20, Priority = 1, Instructions = [new GotoTableInstruction(10)] }; // goto must go forward
        var flows = new List<OfpMessage> { PipelineFlows[0].Flow, bad };

        var error = await Should.ThrowAsync<OpenFlowErrorException>(_session.InstallBundleAsync(flows));

        error.Request.ShouldBe(bad);
        error.Error.Name.ShouldBe("OFPBIC_BAD_TABLE_ID");
        (await _chassis.DumpFlowsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task CommitBundle_WithOneInvalidFlow_InstallsTheOthersAndReturnsIt()
    {
        var bad = new FlowMod { TableId = 20, Priority = 1, Instructions = [new GotoTableInstruction(10)] }; // goto must go forward
        var flows = new List<OfpMessage> { PipelineFlows[0].Flow, bad, PipelineFlows[1].Flow };

        var rejected = await _session.CommitBundleAsync(flows);

        rejected.Select(r => r.Request).ShouldBe([bad]);
        rejected[0].Error.Name.ShouldBe("OFPBIC_BAD_TABLE_ID");
        (await _chassis.DumpFlowsAsync()).ShouldBe([PipelineFlows[0].OvsText, PipelineFlows[1].OvsText], ignoreOrder: true);
    }

    [Fact]
    public async Task Batch_DeleteByCookie_RemovesOnlyThoseFlows()
    {
        await _session.SendBatchAsync(PipelineFlows.Select(f => (OfpMessage)f.Flow).ToList());

        await _session.SendBatchAsync([new FlowMod { Command = FlowModCommand.Delete, TableId = OfpPort.AllTables, Cookie = 0xabc, CookieMask = ulong.MaxValue }]);

        (await _chassis.DumpFlowsAsync()).Count.ShouldBe(PipelineFlows.Count(f => f.Flow.Cookie != 0xabc));
    }

    [Fact]
    public async Task PacketOut_ThroughTable_ComesBackAsPacketIn()
    {
        await _session.SendBatchAsync([new FlowMod { Priority = 0, Instructions = [new ApplyActionsInstruction([OutputAction.ToController()])] }]);
        var arp = Convert.FromHexString("fffffffffffffa163e00000108060001080006040001fa163e0000010a0000050000000000000a000001");

        await _session.SendAsync(new PacketOut(OfpPort.Controller, [new OutputAction(OfpPort.Table)], arp));

        var packetIn = await NextEventAsync<PacketIn>(p => p.InPort == OfpPort.Controller);
        packetIn.Data.ShouldBe(arp);
        packetIn.Reason.ShouldBe(PacketInReason.Action);
        packetIn.InPort.ShouldBe(OfpPort.Controller);
    }

    [Fact]
    public async Task Controller2Userdata_WithPacketIn2Format_ArrivesWithTheUserdata()
    {
        await _session.SendBatchAsync([
            new NxSetPacketInFormat(NxPacketInFormat.NxtPacketIn2),
            new FlowMod { Priority = 0, Instructions = [new ApplyActionsInstruction([new SetFieldAction(MatchField.Reg(6, 9)), new NxController2Action(UserData: new byte[] { 0xd, 0x4, 0xc, 0xd })])] },
        ]);
        var arp = Convert.FromHexString("fffffffffffffa163e00000108060001080006040001fa163e0000010a0000050000000000000a000001");

        await _session.SendAsync(new PacketOut(OfpPort.Controller, [new OutputAction(OfpPort.Table)], arp));

        var packetIn = await NextEventAsync<NxPacketIn2>(p => p.Packet.Span.SequenceEqual(arp));
        packetIn.UserData.ShouldBe(new byte[] { 0xd, 0x4, 0xc, 0xd });
        packetIn.Packet.ShouldBe(arp);
        packetIn.Metadata.TryGet(OxmField.Reg6, out var reg6).ShouldBeTrue();
        reg6.Value.ShouldBe((UInt128)9);
    }

    [Fact]
    public async Task PortDesc_ListsTheBridgeLocalPort()
    {
        var replies = await _session.DumpAsync<PortDescReply>(new PortDescRequest());

        replies.SelectMany(r => r.Ports).ShouldContain(p => p.PortNo == OfpPort.Local && p.Name == Chassis.IntegrationBridge);
        _session.Features.TableCount.ShouldBe((byte)254);
    }

    /// <summary>
    /// The next event of type <typeparamref name="T"/> that <paramref name="ours"/>
    /// accepts: the bridge's own interface also sends packets (IPv6 MLD reports
    /// from br-int), which the table-miss flow brings here too.
    /// </summary>
    private async Task<T> NextEventAsync<T>(Func<T, bool> ours) where T : OfpMessage
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            if (await _session.Events.ReadAsync(timeout.Token) is T wanted && ours(wanted))
            {
                return wanted;
            }
        }
    }

    private static readonly MacAddress RouterMac = MacAddress.Parse("fa:16:3e:00:00:01");

    private static readonly List<(FlowMod Flow, string OvsText)> PipelineFlows =
    [
        (new FlowMod
        {
            TableId = 0, Priority = 100, Cookie = 0xabc,
            Match = Match.Create(MatchField.InPort(1)),
            Instructions = [new ApplyActionsInstruction([new SetFieldAction(MatchField.Reg(6, 7)), new SetFieldAction(MatchField.Metadata(5))]), new GotoTableInstruction(10)],
        }, "cookie=0xabc, priority=100,in_port=1 actions=set_field:0x7->reg6,set_field:0x5->metadata,goto_table:10"),
        (new FlowMod
        {
            TableId = 10, Priority = 100, Cookie = 0xabc,
            Match = Match.Create(MatchField.EthType(0x0800), MatchField.Metadata(5)),
            Instructions = [new ApplyActionsInstruction([new NxConntrackAction(Zone: 5, Table: 15)])],
        }, "cookie=0xabc, table=10, priority=100,ip,metadata=0x5 actions=ct(table=15,zone=5)"),
        (new FlowMod
        {
            TableId = 15, Priority = 200,
            Match = Match.Create(MatchField.EthType(0x0800), MatchField.CtState(CtStateFlags.New | CtStateFlags.Tracked, CtStateFlags.New | CtStateFlags.Tracked), MatchField.Ipv4Dst(IPAddress.Parse("172.24.4.100"))),
            Instructions = [new ApplyActionsInstruction([new NxConntrackAction(NxConntrackFlags.Commit, ZoneField: new NxFieldRef(OxmField.Reg6, 0, 16), Table: 20,
                Actions: [new NxNatAction(NxNatFlags.Destination, IPAddress.Parse("10.0.0.5")), new SetFieldAction(MatchField.CtMark(1))])])],
        }, "table=15, priority=200,ct_state=+new+trk,ip,nw_dst=172.24.4.100 actions=ct(commit,table=20,zone=NXM_NX_REG6[0..15],nat(dst=10.0.0.5),exec(set_field:0x1->ct_mark))"),
        (new FlowMod
        {
            TableId = 25, Priority = 100,
            Match = Match.Create(MatchField.EthType(0x0806), MatchField.ArpOp(1), MatchField.ArpTpa(IPAddress.Parse("10.0.0.1"))),
            Instructions = [new ApplyActionsInstruction([
                new NxRegMoveAction(NxFieldRef.Whole(OxmField.EthSrc), NxFieldRef.Whole(OxmField.EthDst)),
                new SetFieldAction(MatchField.EthSrc(RouterMac)),
                new SetFieldAction(MatchField.ArpOp(2)),
                new NxRegMoveAction(NxFieldRef.Whole(OxmField.ArpSha), NxFieldRef.Whole(OxmField.ArpTha)),
                new SetFieldAction(MatchField.ArpSha(RouterMac)),
                new NxRegMoveAction(NxFieldRef.Whole(OxmField.ArpSpa), NxFieldRef.Whole(OxmField.ArpTpa)),
                new SetFieldAction(MatchField.ArpSpa(IPAddress.Parse("10.0.0.1"))),
                new OutputAction(OfpPort.InPort),
            ])],
        }, "table=25, priority=100,arp,arp_tpa=10.0.0.1,arp_op=1 actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],set_field:fa:16:3e:00:00:01->eth_src,set_field:2->arp_op,move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[],set_field:fa:16:3e:00:00:01->arp_sha,move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[],set_field:10.0.0.1->arp_spa,IN_PORT"),
        (new FlowMod
        {
            TableId = 30, Priority = 100,
            Match = Match.Create(MatchField.EthType(0x0800), MatchField.IpProto(17), MatchField.UdpSrc(68), MatchField.UdpDst(67), MatchField.Reg(6, 7)),
            Instructions = [new ApplyActionsInstruction([new NxController2Action(UserData: new byte[] { 1, 2, 3, 4 }, Pause: false)])],
        }, "table=30, priority=100,udp,reg6=0x7,tp_src=68,tp_dst=67 actions=controller(userdata=01.02.03.04)"),
        (new FlowMod
        {
            TableId = 60, Priority = 200, Cookie = 0x5,
            Match = Match.Create(MatchField.EthType(0x0800), MatchField.Metadata(5), MatchField.Ipv4Dst(IPAddress.Parse("10.0.1.0"), 24)),
            Instructions =
            [
                new ApplyActionsInstruction([
                    new DecNwTtlAction(),
                    new SetFieldAction(MatchField.EthSrc(MacAddress.Parse("fa:16:3e:00:00:11"))),
                    new SetFieldAction(MatchField.EthDst(MacAddress.Parse("fa:16:3e:00:00:22"))),
                    new SetFieldAction(MatchField.TunnelId(5001)),
                    new SetFieldAction(MatchField.TunIpv4Dst(IPAddress.Parse("172.31.0.2"))),
                    new NxDecTtlAction(new ushort[] { 1 }),
                    NxResubmitAction.ToTable(65),
                ]),
            ],
        }, "cookie=0x5, table=60, priority=200,ip,metadata=0x5,nw_dst=10.0.1.0/24 actions=dec_ttl,set_field:fa:16:3e:00:00:11->eth_src,set_field:fa:16:3e:00:00:22->eth_dst,set_field:0x1389->tun_id,set_field:172.31.0.2->tun_dst,dec_ttl(1),resubmit(,65)"),
        (new FlowMod
        {
            TableId = 61, Priority = 100,
            Match = Match.Create(MatchField.EthType(0x0800), MatchField.Ipv4Src(IPAddress.Parse("10.0.0.5"))),
            Instructions = [new ApplyActionsInstruction([new NxConjunctionAction(7, 0, 2)])],
        }, "table=61, priority=100,ip,nw_src=10.0.0.5 actions=conjunction(7,1/2)"),
        (new FlowMod
        {
            TableId = 70, Priority = 10, IdleTimeout = 30, HardTimeout = 60, Flags = FlowModFlags.SendFlowRemoved,
            Match = Match.Create(MatchField.EthType(0x0800), MatchField.Reg(7, 0x100, 0xff00)),
            Instructions = [new ApplyActionsInstruction([
                new NxLearnAction(Table: 71, IdleTimeout: 60, Priority: 5, Specs: new[]
                {
                    NxLearnSpec.MatchField(NxFieldRef.Whole(OxmField.EthDst), NxFieldRef.Whole(OxmField.EthSrc)),
                    NxLearnSpec.Output(NxFieldRef.Whole(OxmField.NxmOfInPort)),
                }),
                new PushVlanAction(),
                new SetFieldAction(MatchField.VlanVid(0x1000 | 100)),
                new OutputAction(2),
                new PopVlanAction(),
                new SetNwTtlAction(9),
                new GroupAction(1),
            ])],
        }, "table=70, idle_timeout=30, hard_timeout=60, send_flow_rem priority=10,ip,reg7=0x100/0xff00 actions=learn(table=71,idle_timeout=60,priority=5,NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],output:NXM_OF_IN_PORT[]),push_vlan:0x8100,set_field:4196->vlan_vid,output:2,pop_vlan,mod_nw_ttl:9,group:1"),
    ];
}
