using Wyvern.OpenFlow.Messages;

namespace Wyvern.Testing.Simulation;

/// <summary>What happened to one packet: where it left, what reached the controller, and the flows it hit.</summary>
public sealed class SimTrace
{
    /// <summary>Packets output to ports (including tunnel and patch ports).</summary>
    public List<SimOutput> Outputs { get; } = [];

    /// <summary>Packets sent to the controller.</summary>
    public List<SimPacketIn> PacketIns { get; } = [];

    /// <summary>Each flow the packet matched, in order (table, flow).</summary>
    public List<(byte Table, FlowMod Flow)> Path { get; } = [];

    /// <summary>True when nothing left the switch and nothing reached the controller.</summary>
    public bool Dropped => Outputs.Count == 0 && PacketIns.Count == 0;

    /// <summary>The one output; fails with the path when there is not exactly one.</summary>
    public SimOutput Single() => Outputs.Count == 1 ? Outputs[0]
        : throw new InvalidOperationException($"expected one output, got {Outputs.Count}:\n{this}");

    public override string ToString() =>
        string.Join("\n", Path.Select(p => $"  table {p.Table} priority {p.Flow.Priority} {p.Flow.Match}")) +
        $"\n  outputs: {string.Join("; ", Outputs.Select(o => $"port {o.Port}"))}; packet-ins: {PacketIns.Count}";
}
