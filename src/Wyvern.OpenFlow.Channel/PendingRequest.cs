using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Channel;

/// <summary>A request waiting for its reply (one message, or a multipart dump until the reply without MORE).</summary>
internal sealed class PendingRequest
{
    private readonly TaskCompletionSource<IReadOnlyList<OfpMessage>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<OfpMessage> _replies = [];

    private readonly Action<OfpMessage>? _onPart;

    public PendingRequest(OfpMessage request, bool multipart, Action<OfpMessage>? onPart = null)
    {
        Request = request;
        IsMultipart = multipart;
        _onPart = onPart;
    }

    public OfpMessage Request { get; }

    public bool IsMultipart { get; }

    public Task<IReadOnlyList<OfpMessage>> Task => _done.Task;

    /// <summary>Takes one reply; true when the request is complete.</summary>
    public bool Accept(OfpMessage reply)
    {
        if (_onPart is null)
        {
            _replies.Add(reply);
        }
        else
        {
            try
            {
                _onPart(reply);
            }
            catch (Exception e)
            {
                // The handler runs on the receive loop: its failure fails this request, not the session.
                _done.TrySetException(e);
                return true;
            }
        }

        if (IsMultipart && reply is MultipartReply { More: true })
        {
            return false;
        }

        _done.TrySetResult(_replies);
        return true;
    }

    public void Fail(Exception error) => _done.TrySetException(error);
}
