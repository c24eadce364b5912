namespace Wyvern.OpenFlow.Instructions;

/// <summary>OF 1.3.5 §7.2.4 enum ofp_instruction_type.</summary>
public enum OfpInstructionType : ushort
{
    GotoTable = 1,
    WriteMetadata = 2,
    WriteActions = 3,
    ApplyActions = 4,
    ClearActions = 5,
    Meter = 6,
    Experimenter = 0xffff,
}
