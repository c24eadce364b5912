namespace Wyvern.Testing.Simulation;

/// <summary>A packet leaving the switch on <paramref name="Port"/>, as it was at that moment.</summary>
public sealed record SimOutput(uint Port, SimPacket Packet);
