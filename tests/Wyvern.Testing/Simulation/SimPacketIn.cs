using Wyvern.OpenFlow;

namespace Wyvern.Testing.Simulation;

/// <summary>A packet sent to the controller, with the table it was in and why.</summary>
public sealed record SimPacketIn(PacketInReason Reason, byte Table, SimPacket Packet);
