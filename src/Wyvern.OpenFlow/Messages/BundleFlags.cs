namespace Wyvern.OpenFlow.Messages;

/// <summary>ONF bundle extension flags (OF 1.4 ofp_bundle_flags).</summary>
[Flags]
public enum BundleFlags : ushort
{
    None = 0,

    /// <summary>Apply all messages or none.</summary>
    Atomic = 1,

    /// <summary>Apply the messages in the order they were added.</summary>
    Ordered = 2,
}
