using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Channel;

/// <summary>A request waiting for its reply (one message, or a multipart dump until the reply without MORE).</summary>
internal sealed class PendingRequest
{
    private readonly TaskCompletionSource<IReadOnlyList<OfpMessage>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<OfpMessage> _replies = [];

    public PendingRequest(OfpMessage request, bool multipart)
    {
        Request = request;
        IsMultipart = multipart;
    }

    public OfpMessage Request { get; }

    public bool IsMultipart { get; }

    public Task<IReadOnlyList<OfpMessage>> Task => _done.Task;

    /// <summary>Takes one reply; true when the request is complete.</summary>
    public bool Accept(OfpMessage reply)
    {
        _replies.Add(reply);
        if (IsMultipart && reply is MultipartReply { More: true })
        {
            return false;
        }

        _done.TrySetResult(_replies);
        return true;
    }

    public void Fail(Exception error) => _done.TrySetException(error);
}
