using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// conjunction(id, k/n). nicira-ext.h nx_action_conjunction: nx header(10) clause(1)
/// n_clauses(1) id(4) = 16. <paramref name="Clause"/> is 0-based as on the wire
/// (ovs-ofctl prints it 1-based: clause 0 of 2 is "1/2").
/// </summary>
public sealed record NxConjunctionAction(uint Id, byte Clause, byte NClauses) : OfpAction
{
    public override int EncodedLength => 16;

    internal override void Write(ref SpanWriter writer)
    {
        NxHeader.Write(ref writer, 16, NxActionSubtype.Conjunction);
        writer.U8(Clause);
        writer.U8(NClauses);
        writer.U32(Id);
    }

    internal static NxConjunctionAction Read(ref SpanReader body)
    {
        var clause = body.U8();
        var nClauses = body.U8();
        var id = body.U32();
        return new NxConjunctionAction(id, clause, nClauses);
    }
}
