using System.Globalization;
using System.Text;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.Pipeline;

/// <summary>Renders <see cref="PipelineLayout"/> as <c>docs/pipeline.md</c> (a test keeps the committed file equal to this).</summary>
public static class PipelineDocument
{
    /// <summary>The Markdown text.</summary>
    public static string Render()
    {
        var s = new StringBuilder();
        s.AppendLine("# Pipeline");
        s.AppendLine();
        s.AppendLine("Generated from `src/Wyvern.Pipeline/PipelineLayout.cs` by `PipelineDocument.Render()`;");
        s.AppendLine("a test fails when this file and the code disagree. Regenerate with");
        s.AppendLine("`WYVERN_WRITE_DOCS=1 dotnet test tests/Wyvern.Pipeline.Tests`.");
        s.AppendLine();
        s.AppendLine("Registers: `reg6` source port key, `reg7` destination port key, `reg5` router key,");
        s.AppendLine("`reg4` next-hop IPv4, `reg3` security-group conntrack zone, `metadata` network key (also the");
        s.AppendLine("conntrack zone), `reg2` the sender's IPv4 address during port security, `xreg0` scratch: the");
        s.AppendLine("sender MAC during port security (`reg0` bit 16 marks an IPv4 address in `reg2`), addresses");
        s.AppendLine("being swapped in replies.");
        s.AppendLine("Cookies: `0x5759` in the top 16 bits, then the app id (8 bits); the reconciler only ever");
        s.AppendLine("dumps or deletes flows carrying that marker.");
        s.AppendLine();
        s.AppendLine("| table | name | purpose | may match | may set | continues to | outputs |");
        s.AppendLine("| ---: | --- | --- | --- | --- | --- | --- |");
        foreach (var t in PipelineLayout.Tables.Values.OrderBy(t => t.Id))
        {
            s.Append(CultureInfo.InvariantCulture, $"| {(byte)t.Id} | {t.Id} | {t.Purpose} | ");
            s.Append(Fields(t.Matches)).Append(" | ").Append(Fields(t.Sets)).Append(" | ");
            s.Append(t.Next.Count == 0 ? "—" : string.Join(", ", t.Next.Order().Select(n => $"{(byte)n} {n}")));
            s.Append(" | ").Append(t.MayOutput ? "yes" : "no").AppendLine(" |");
        }
        return s.ToString();
    }

    private static string Fields(IEnumerable<OxmField> fields)
    {
        var names = fields.Select(OxmFieldInfo.Name).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? "—" : string.Join(", ", names.Select(n => $"`{n}`"));
    }
}
