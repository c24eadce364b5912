using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.Pipeline;

/// <summary>
/// Checks a flow against <see cref="PipelineLayout"/>: it may match only its
/// table's fields, write only its table's fields, continue only to its
/// table's next tables, and output only where the table allows it.
/// </summary>
public static class FlowValidator
{
    /// <summary>What is wrong with <paramref name="flow"/>; empty when it fits the layout.</summary>
    public static IReadOnlyList<string> Check(FlowSpec flow)
    {
        var problems = new List<string>();
        if (!PipelineLayout.Tables.TryGetValue(flow.Table, out var table))
        {
            problems.Add($"{flow.Key}: table {(byte)flow.Table} is not in the layout");
            return problems;
        }
        foreach (var field in flow.Match.Fields)
        {
            if (!table.Matches.Contains(field.Field) && !IsPrerequisite(field.Field))
            {
                problems.Add($"{flow.Key}: table {table.Id} may not match {OxmFieldInfo.Name(field.Field)}");
            }
        }
        foreach (var instruction in flow.Instructions)
        {
            switch (instruction)
            {
                case GotoTableInstruction g:
                    CheckNext(table, (TableId)g.TableId, flow, problems);
                    if (g.TableId <= (byte)flow.Table)
                    {
                        // OF 1.3.5 §5.1: "the next table must be greater than the current one"; resubmit may go back.
                        problems.Add($"{flow.Key}: goto_table {g.TableId} does not go forward");
                    }
                    break;
                case WriteMetadataInstruction:
                    CheckSet(table, OxmField.Metadata, flow, problems);
                    break;
                case ApplyActionsInstruction a:
                    CheckActions(table, a.Actions, flow, problems);
                    break;
                case WriteActionsInstruction w:
                    CheckActions(table, w.Actions, flow, problems);
                    break;
                default:
                    break;
            }
        }
        return problems;
    }

    // Prerequisites OpenFlow requires with a field (eth_type with IP fields,
    // ip_proto with ports) are allowed wherever the dependent field is.
    private static bool IsPrerequisite(OxmField field) => field is OxmField.EthType or OxmField.IpProto;

    private static void CheckActions(TableSpec table, IEnumerable<OfpAction> actions, FlowSpec flow, List<string> problems)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case SetFieldAction s:
                    CheckSet(table, s.Field.Field, flow, problems);
                    break;
                case NxRegLoadAction l:
                    CheckSet(table, l.Destination.Field, flow, problems);
                    break;
                case NxRegMoveAction m:
                    CheckSet(table, m.Destination.Field, flow, problems);
                    break;
                case NxResubmitAction r when r.Table != NxResubmitAction.CurrentTable:
                    CheckNext(table, (TableId)r.Table, flow, problems);
                    break;
                case NxConntrackAction ct:
                    if (ct.Table != NxConntrackAction.NoRecirculation)
                    {
                        CheckNext(table, (TableId)ct.Table, flow, problems);
                    }
                    CheckActions(table, ct.Actions, flow, problems);
                    break;
                case OutputAction or NxController2Action or NxControllerAction or GroupAction when !table.MayOutput:
                    problems.Add($"{flow.Key}: table {table.Id} may not output ({action})");
                    break;
                default:
                    break;
            }
        }
    }

    private static void CheckSet(TableSpec table, OxmField field, FlowSpec flow, List<string> problems)
    {
        if (!table.Sets.Contains(field))
        {
            problems.Add($"{flow.Key}: table {table.Id} may not set {OxmFieldInfo.Name(field)}");
        }
    }

    private static void CheckNext(TableSpec table, TableId next, FlowSpec flow, List<string> problems)
    {
        if (!table.Next.Contains(next))
        {
            problems.Add($"{flow.Key}: table {table.Id} may not continue to {next} ({(byte)next})");
        }
    }
}
