namespace Wyvern.OpenFlow.Messages;

/// <summary>ONF bundle extension for OF 1.3 (ONF EXT-230) enum onf_bundle_ctrl_type, same numbers as OF 1.4 ofp_bundle_ctrl_type.</summary>
public enum BundleControlType : ushort
{
    OpenRequest = 0,
    OpenReply = 1,
    CloseRequest = 2,
    CloseReply = 3,
    CommitRequest = 4,
    CommitReply = 5,
    DiscardRequest = 6,
    DiscardReply = 7,
}
