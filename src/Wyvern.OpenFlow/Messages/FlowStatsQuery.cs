using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Messages;

/// <summary>The body shared by flow and aggregate stats requests (OF 1.3.5 §7.3.5.2, §7.3.5.3).</summary>
internal static class FlowStatsQuery
{
    public static void Write(ref SpanWriter writer, byte table, uint outPort, uint outGroup, ulong cookie, ulong cookieMask, Match match)
    {
        writer.U8(table);
        writer.Zeros(3);
        writer.U32(outPort);
        writer.U32(outGroup);
        writer.Zeros(4);
        writer.U64(cookie);
        writer.U64(cookieMask);
        match.Write(ref writer);
    }

    public static (byte Table, uint OutPort, uint OutGroup, ulong Cookie, ulong CookieMask, Match Match) Read(ref SpanReader body)
    {
        var table = body.U8();
        body.Skip(3);
        var outPort = body.U32();
        var outGroup = body.U32();
        body.Skip(4);
        var cookie = body.U64();
        var mask = body.U64();
        return (table, outPort, outGroup, cookie, mask, Match.Read(ref body));
    }
}
