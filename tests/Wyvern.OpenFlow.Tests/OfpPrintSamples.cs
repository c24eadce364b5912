using System.Net;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Tests;

/// <summary>Messages built with our API whose encoding Open vSwitch's ofp-print must read as the expected text.</summary>
public static class OfpPrintSamples
{
    private static readonly byte[] ArpRequest = Convert.FromHexString("fffffffffffffa163e00000108060001080006040001fa163e0000010a0000050000000000000a000001");

    private static readonly FlowMod PipelineFlow = new()
    {
        Xid = 9,
        Cookie = 0xabc,
        TableId = 10,
        Priority = 100,
        Match = Match.Create(
            MatchField.InPort(5),
            MatchField.EthType(0x0800),
            MatchField.EthSrc(MacAddress.Parse("fa:16:3e:00:00:05")),
            MatchField.Ipv4Src(IPAddress.Parse("10.0.0.5")),
            MatchField.Metadata(3),
            MatchField.Reg(6, 12),
            MatchField.CtState(CtStateFlags.Tracked, CtStateFlags.Tracked | CtStateFlags.Invalid),
            MatchField.IpProto(6)),
        Instructions =
        [
            new ApplyActionsInstruction([
                new NxConntrackAction(NxConntrackFlags.Commit, Zone: 3, Table: 15, Actions: [new SetFieldAction(MatchField.CtMark(0x10))]),
                new SetFieldAction(MatchField.Reg(7, 44)),
                new SetFieldAction(MatchField.TunnelId(5001)),
                new OutputAction(7),
            ]),
        ],
    };

    public static IReadOnlyList<(string Name, OfpMessage Message, string Expected)> All { get; } =
    [
        ("hello", Hello.OpenFlow13 with { Xid = 1 }, """
            OFPT_HELLO (OF1.3) (xid=0x1):
             version bitmap: 0x04
            """),
        ("features reply", new FeaturesReply(0x0000_0000_0000_00ab, 0, 254, 0, 0x4f) { Xid = 2 }, """
            OFPT_FEATURES_REPLY (OF1.3) (xid=0x2): dpid:00000000000000ab
            n_tables:254, n_buffers:0
            capabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS
            """),
        ("pipeline flow mod", PipelineFlow, """
            OFPT_FLOW_MOD (OF1.3) (xid=0x9): ADD table:10 priority=100,ct_state=-inv+trk,tcp,reg6=0xc,metadata=0x3,in_port=5,dl_src=fa:16:3e:00:00:05,nw_src=10.0.0.5 cookie:0xabc actions=ct(commit,table=15,zone=3,exec(set_field:0x10->ct_mark)),set_field:0x2c->reg7,set_field:0x1389->tun_id,output:7
            """),
        ("packet in", new PacketIn(OfpPort.NoBufferId, (ushort)ArpRequest.Length, PacketInReason.Action, 30, 0x77,
            Match.Create(MatchField.InPort(4), MatchField.Metadata(2), MatchField.Reg(6, 9)), ArpRequest) { Xid = 0 }, """
            OFPT_PACKET_IN (OF1.3) (xid=0x0): table_id=30 cookie=0x77 total_len=42 reg6=0x9,metadata=0x2,in_port=4 (via action) data_len=42 (unbuffered)
            arp,vlan_tci=0x0000,dl_src=fa:16:3e:00:00:01,dl_dst=ff:ff:ff:ff:ff:ff,arp_spa=10.0.0.5,arp_tpa=10.0.0.1,arp_op=1,arp_sha=fa:16:3e:00:00:01,arp_tha=00:00:00:00:00:00
            """),
        ("flow removed", new FlowRemoved
        {
            Xid = 0, Cookie = 5, Priority = 7, Reason = FlowRemovedReason.IdleTimeout, TableId = 3, DurationSeconds = 12,
            DurationNanoseconds = 500_000_000, IdleTimeout = 10, PacketCount = 4, ByteCount = 400,
            Match = Match.Create(MatchField.InPort(1)),
        }, """
            OFPT_FLOW_REMOVED (OF1.3) (xid=0x0): priority=7,in_port=1 reason=idle table_id=3 cookie:0x5 duration12.500s idle10 pkts4 bytes400
            """),
        ("port status", new PortStatus(PortStatusReason.Add, new PortDesc(3, MacAddress.Parse("fa:16:3e:00:00:03"), "tapc0000001-00", State: 4, CurrentSpeed: 10_000_000)) { Xid = 0 }, """
            OFPT_PORT_STATUS (OF1.3) (xid=0x0): ADD: 3(tapc0000001-00): addr:fa:16:3e:00:00:03
                 config:     0
                 state:      LIVE
                 speed: 10000 Mbps now, 0 Mbps max
            """),
        ("flow stats reply", new FlowStatsReply([new FlowStats
        {
            TableId = 10, DurationSeconds = 3, Priority = 100, Cookie = 0xabc, PacketCount = 1, ByteCount = 60,
            Match = PipelineFlow.Match, Instructions = PipelineFlow.Instructions,
        }]) { Xid = 4, More = true }, """
            OFPST_FLOW reply (OF1.3) (xid=0x4): flags=[more]
             cookie=0xabc, duration=3s, table=10, n_packets=1, n_bytes=60, priority=100,ct_state=-inv+trk,tcp,reg6=0xc,metadata=0x3,in_port=5,dl_src=fa:16:3e:00:00:05,nw_src=10.0.0.5 actions=ct(commit,table=15,zone=3,exec(set_field:0x10->ct_mark)),set_field:0x2c->reg7,set_field:0x1389->tun_id,output:7
            """),
        ("aggregate reply", new AggregateStatsReply(10, 1000, 3) { Xid = 5 }, """
            OFPST_AGGREGATE reply (OF1.3) (xid=0x5): packet_count=10 byte_count=1000 flow_count=3
            """),
        ("table stats reply", new TableStatsReply([new TableStats(0, 5, 100, 90)]) { Xid = 6 }, """
            OFPST_TABLE reply (OF1.3) (xid=0x6):
              table 0:
                active=5, lookup=100, matched=90
            """),
        ("port desc reply", new PortDescReply([new PortDesc(OfpPort.Local, MacAddress.Parse("aa:bb:cc:00:00:01"), "br-int", Config: 1, State: 1)]) { Xid = 7 }, """
            OFPST_PORT_DESC reply (OF1.3) (xid=0x7):
             LOCAL(br-int): addr:aa:bb:cc:00:00:01
                 config:     PORT_DOWN
                 state:      LINK_DOWN
                 speed: 0 Mbps now, 0 Mbps max
            """),
        ("error", new ErrorMessage(4, 9, new BarrierRequest { Xid = 9 }.ToArray()) { Xid = 9 }, """
            OFPT_ERROR (OF1.3) (xid=0x9): OFPBMC_BAD_PREREQ
            OFPT_BARRIER_REQUEST (OF1.3) (xid=0x9):
            """),
        ("bundle error", new ErrorMessage(ErrorMessage.ExperimenterType, 2302, Experimenter: BundleControl.OnfExperimenterId) { Xid = 3 }, """
            OFPT_ERROR (OF1.3) (xid=0x3): OFPBFC_BAD_ID
            OpenFlow message is empty
            """),
        ("role request", new RoleRequest(ControllerRole.Master, 7) { Xid = 8 }, """
            OFPT_ROLE_REQUEST (OF1.3) (xid=0x8): role=primary generation_id=7
            """),
        ("set async", new SetAsync(new AsyncMasks(3, 0, 7, 7, 15, 0)) { Xid = 10 }, """
            OFPT_SET_ASYNC (OF1.3) (xid=0xa):
             primary:
                   PACKET_IN: no_match action
                 PORT_STATUS: add delete modify
                FLOW_REMOVED: idle hard delete group_delete
                 ROLE_STATUS: (off)
                TABLE_STATUS: (off)
              REQUESTFORWARD: (off)

             secondary:
                   PACKET_IN: (off)
                 PORT_STATUS: add delete modify
                FLOW_REMOVED: (off)
                 ROLE_STATUS: (off)
                TABLE_STATUS: (off)
              REQUESTFORWARD: (off)
            """),
        ("set config", new SetConfig(0, 0xffff) { Xid = 11 }, """
            OFPT_SET_CONFIG (OF1.3) (xid=0xb): frags=normal miss_send_len=65535
            """),
        ("echo", new EchoRequest(new byte[] { 1, 2 }) { Xid = 12 }, """
            OFPT_ECHO_REQUEST (OF1.3) (xid=0xc): 2 bytes of payload
            00000000  01 02                                           |..              |
            """),
        ("barrier reply", new BarrierReply { Xid = 13 }, """
            OFPT_BARRIER_REPLY (OF1.3) (xid=0xd):
            """),
        ("bundle commit reply", new BundleControl(1, BundleControlType.CommitReply) { Xid = 14 }, """
            ONFT_BUNDLE_CONTROL (OF1.3) (xid=0xe):
             bundle_id=0x1 type=COMMIT_REPLY flags=atomic ordered
            """),
        ("group mod indirect with ct", new GroupMod(GroupModCommand.Add, GroupType.Indirect, 9, [new Bucket([new NxConntrackAction(Zone: 4, Table: 20), new OutputAction(3)])]) { Xid = 15 }, """
            OFPT_GROUP_MOD (OF1.3) (xid=0xf):
             ADD group_id=9,type=indirect,bucket=actions=ct(table=20,zone=4),output:3
            """),
    ];
}
