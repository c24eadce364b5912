namespace Wyvern.OpenFlow.Matching;

/// <summary>ct_state bits (ovs-fields(7) "Connection Tracking Fields").</summary>
[Flags]
public enum CtStateFlags : uint
{
    None = 0,
    New = 0x01,
    Established = 0x02,
    Related = 0x04,
    ReplyDirection = 0x08,
    Invalid = 0x10,
    Tracked = 0x20,
    SourceNat = 0x40,
    DestinationNat = 0x80,
}
