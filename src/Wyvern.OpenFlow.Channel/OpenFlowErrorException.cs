using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Channel;

/// <summary>The switch answered a request with OFPT_ERROR. Holds the error and the request that caused it.</summary>
public sealed class OpenFlowErrorException : Exception
{
    public OpenFlowErrorException(ErrorMessage error, OfpMessage? request)
        : base($"switch rejected {request?.GetType().Name ?? "a request"} (xid {error.Xid}): {error.Name}")
    {
        Error = error;
        Request = request;
        Failures = [(request, error)];
    }

    public OpenFlowErrorException(IReadOnlyList<(OfpMessage? Request, ErrorMessage Error)> failures)
        : base($"switch rejected {failures.Count} message(s); first: {failures[0].Request?.GetType().Name} {failures[0].Error.Name}")
    {
        Error = failures[0].Error;
        Request = failures[0].Request;
        Failures = failures;
    }

    public OpenFlowErrorException()
        : this("switch error")
    {
    }

    public OpenFlowErrorException(string message)
        : base(message)
    {
        Error = new ErrorMessage(0, 0);
        Failures = [];
    }

    public OpenFlowErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new ErrorMessage(0, 0);
        Failures = [];
    }

    /// <summary>The (first) error the switch sent.</summary>
    public ErrorMessage Error { get; }

    /// <summary>The message that caused <see cref="Error"/>.</summary>
    public OfpMessage? Request { get; }

    /// <summary>Every failed message of a batch or bundle, in order.</summary>
    public IReadOnlyList<(OfpMessage? Request, ErrorMessage Error)> Failures { get; }
}
