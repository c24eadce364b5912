using Wyvern.Northbound;
using Wyvern.OpenFlow.Channel;
using Wyvern.OpenFlow.Messages;
using Wyvern.Ovsdb.Binding;

namespace Wyvern.Controller;

/// <summary>Everything that reaches the controller's single event loop.</summary>
internal abstract record ControllerInput
{
    /// <summary>A batch of model changes (or a resync) from the store's watch.</summary>
    public sealed record Model(NbWatchEvent Event) : ControllerInput;

    /// <summary>Local ports plugged, unplugged or moved on br-int.</summary>
    public sealed record Binding(LocalPortBatch Batch) : ControllerInput;

    /// <summary>The switch connected (a reconnect is a new session).</summary>
    public sealed record SwitchUp(SwitchSession Session) : ControllerInput;

    /// <summary>The switch's session ended.</summary>
    public sealed record SwitchDown(SwitchSession Session, string Reason) : ControllerInput;

    /// <summary>A packet for the controller.</summary>
    public sealed record Packet(SwitchSession Session, PacketIn PacketIn) : ControllerInput;

    /// <summary>Repeat the gratuitous ARPs for external addresses this chassis started serving (round 1, 2, 3).</summary>
    public sealed record Announce(IReadOnlyList<Wyvern.Apps.ExternalAddress> Addresses, int Round) : ControllerInput;

    /// <summary>Time to send the ARP requests that are due (next-hop resolution).</summary>
    public sealed record Tick : ControllerInput;

    /// <summary>Try again to bring the switch in line (after a failed sync).</summary>
    public sealed record Retry : ControllerInput;
}
