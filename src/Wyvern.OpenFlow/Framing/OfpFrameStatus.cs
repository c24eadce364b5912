namespace Wyvern.OpenFlow.Framing;

/// <summary>Outcome of one attempt to cut a frame from buffered bytes.</summary>
public enum OfpFrameStatus
{
    /// <summary>A complete frame was cut.</summary>
    Frame,

    /// <summary>The buffer holds only part of a frame; read more.</summary>
    NeedMoreData,

    /// <summary>The stream is not valid OpenFlow 1.3; see the error. The connection should be closed.</summary>
    Error,
}
