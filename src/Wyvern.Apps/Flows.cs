using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using ModelMac = Wyvern.Model.MacAddress;

namespace Wyvern.Apps;

/// <summary>Short constructors for the flows apps write, so each app reads as its pipeline logic.</summary>
internal static class Flows
{
    public static FlowSpec Make(TableId table, ushort priority, Match match, AppId app, Owner owner, params OfpInstruction[] instructions) =>
        new(table, priority, match, instructions, app, owner.ToString());

    public static OfpInstruction Goto(TableId table) => new GotoTableInstruction((byte)table);

    public static OfpInstruction Apply(params OfpAction[] actions) => new ApplyActionsInstruction(actions);

    public static OfpAction Set(MatchField field) => new SetFieldAction(field);

    public static OfpAction Resubmit(TableId table) => NxResubmitAction.ToTable((byte)table);

    public static OfpAction Output(uint port) => new OutputAction(port);

    public static OfpAction OutputInPort => new OutputAction(OfpPort.InPort);

    /// <summary>move:src[]→dst[] over the whole source field (or its low <paramref name="bits"/> bits).</summary>
    public static OfpAction Move(OxmField source, OxmField destination, int? bits = null)
    {
        var n = bits ?? OxmFieldInfo.Width(source) * 8;
        return new NxRegMoveAction(new NxFieldRef(source, 0, n), new NxFieldRef(destination, 0, n));
    }

    /// <summary>
    /// Turns an ARP request into the reply for <paramref name="ip"/> at
    /// <paramref name="mac"/> in place (RFC 826: swap sender and target, set the
    /// answer) and sends it back out of the port it came in on.
    /// </summary>
    public static IEnumerable<OfpAction> ArpReply(MacAddress mac, System.Net.IPAddress ip) =>
    [
        Move(OxmField.EthSrc, OxmField.EthDst),
        Set(MatchField.EthSrc(mac)),
        Set(MatchField.ArpOp(2)),
        Move(OxmField.ArpSha, OxmField.ArpTha),
        Set(MatchField.ArpSha(mac)),
        Move(OxmField.ArpSpa, OxmField.ArpTpa),
        Set(MatchField.ArpSpa(ip)),
        OutputInPort,
    ];

    public static MacAddress Mac(ModelMac mac) => new(mac.Value);

    /// <summary>IPv4 EtherType match.</summary>
    public static MatchField Ip => MatchField.EthType(0x0800);

    /// <summary>IPv6 EtherType match.</summary>
    public static MatchField Ipv6 => MatchField.EthType(0x86dd);

    /// <summary>ARP EtherType match.</summary>
    public static MatchField Arp => MatchField.EthType(0x0806);

    /// <summary>Matches group (broadcast and multicast) destinations: the I/G bit.</summary>
    public static MatchField Multicast => MatchField.EthDst(new MacAddress(0x0100_0000_0000), new MacAddress(0x0100_0000_0000));
}
