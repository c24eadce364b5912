using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// resubmit(port,table). nicira-ext.h nx_action_resubmit: nx header(10) in_port(2)
/// table(1) pad(3), len=16. Written as NXAST_RESUBMIT_TABLE, as Open vSwitch does
/// in OF 1.3 (table 255 = "this table"); NXAST_RESUBMIT decodes with table 255. In-port 0xfff8
/// (OFPP_IN_PORT in 16 bits) means "keep the packet's in_port".
/// </summary>
public sealed record NxResubmitAction(ushort InPort = NxResubmitAction.KeepInPort, byte Table = NxResubmitAction.CurrentTable) : OfpAction
{
    /// <summary>16-bit OFPP_IN_PORT: keep the packet's input port.</summary>
    public const ushort KeepInPort = 0xfff8;

    /// <summary>Resubmit into the current table.</summary>
    public const byte CurrentTable = 0xff;

    /// <summary>resubmit(,table).</summary>
    public static NxResubmitAction ToTable(byte table) => new(KeepInPort, table);

    public override int EncodedLength => 16;

    internal override void Write(ref SpanWriter writer)
    {
        NxHeader.Write(ref writer, 16, NxActionSubtype.ResubmitTable);
        writer.U16(InPort);
        writer.U8(Table);
        writer.Zeros(3);
    }

    internal static NxResubmitAction Read(ref SpanReader body, NxActionSubtype subtype)
    {
        var inPort = body.U16();
        var table = body.U8();
        return new NxResubmitAction(inPort, subtype == NxActionSubtype.Resubmit ? CurrentTable : table);
    }
}
