using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Messages;
using Wyvern.Pipeline;

namespace Wyvern.Controller.Reconciler;

/// <summary>The flow mods that install, change and remove a <see cref="FlowSpec"/>.</summary>
public static class FlowMods
{
    /// <summary>Installs a new flow.</summary>
    public static FlowMod Add(FlowSpec flow) => new()
    {
        Command = FlowModCommand.Add,
        Cookie = flow.Cookie,
        TableId = (byte)flow.Table,
        Priority = flow.Priority,
        Match = flow.Match,
        Instructions = flow.Instructions,
    };

    /// <summary>
    /// Changes the actions of an installed flow in place. modify_strict keeps
    /// the flow (and its counters) while swapping the instructions, so packets
    /// never see a moment without it.
    /// </summary>
    public static FlowMod Modify(FlowSpec flow) => Add(flow) with { Command = FlowModCommand.ModifyStrict };

    /// <summary>
    /// Removes exactly this flow, and only if it carries a Wyvern cookie
    /// (cookie mask), so a flow somebody else installed with the same match is left alone.
    /// </summary>
    public static FlowMod Delete(FlowSpec flow) => new()
    {
        Command = FlowModCommand.DeleteStrict,
        Cookie = FlowCookie.Marker,
        CookieMask = FlowCookie.WyvernMask,
        TableId = (byte)flow.Table,
        Priority = flow.Priority,
        Match = flow.Match,
        OutPort = OfpPort.Any,
        OutGroup = OfpPort.AnyGroup,
    };

    /// <summary>The query that dumps every Wyvern flow of every table.</summary>
    public static FlowStatsRequest DumpWyvernFlows() => new()
    {
        TableId = OfpPort.AllTables,
        OutPort = OfpPort.Any,
        OutGroup = OfpPort.AnyGroup,
        Cookie = FlowCookie.Marker,
        CookieMask = FlowCookie.WyvernMask,
    };
}
