namespace Wyvern.Testing.Harness;

/// <summary>A command the harness needed did not succeed; the message carries its output.</summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException(CommandResult result) : base(result.ToString()) => Result = result;

    public CommandFailedException() { Result = new CommandResult("", -1, "", "", false); }

    public CommandFailedException(string message) : base(message) { Result = new CommandResult("", -1, "", message, false); }

    public CommandFailedException(string message, Exception inner) : base(message, inner) { Result = new CommandResult("", -1, "", message, false); }

    /// <summary>The failed command and its output.</summary>
    public CommandResult Result { get; }
}
