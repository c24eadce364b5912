using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Channel;

/// <summary>
/// Messages sent with consecutive xids that get no reply on success (flow mods,
/// bundle adds). Errors whose xid falls in the range are collected here.
/// </summary>
internal sealed class PendingBatch
{
    private readonly IReadOnlyList<OfpMessage> _messages;
    private readonly List<(OfpMessage? Request, ErrorMessage Error)> _failures = [];

    public PendingBatch(uint firstXid, IReadOnlyList<OfpMessage> messages)
    {
        FirstXid = firstXid;
        _messages = messages;
    }

    public uint FirstXid { get; }

    public IReadOnlyList<(OfpMessage? Request, ErrorMessage Error)> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Wrap-safe: xid is in [FirstXid, FirstXid + count).</summary>
    public bool TryAdd(ErrorMessage error)
    {
        var index = unchecked(error.Xid - FirstXid);
        if (index >= (uint)_messages.Count)
        {
            return false;
        }

        lock (_failures)
        {
            _failures.Add((_messages[(int)index], error));
        }

        return true;
    }
}
