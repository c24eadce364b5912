namespace Wyvern.Testing.Harness;

/// <summary>What a finished command printed and how it ended.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr, bool TimedOut)
{
    /// <summary>True when the command exited 0 within its timeout.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>Throws <see cref="CommandFailedException"/> unless the command succeeded.</summary>
    public CommandResult EnsureSuccess() => Succeeded ? this : throw new CommandFailedException(this);

    public override string ToString() =>
        $"`{Command}` exit={ExitCode}{(TimedOut ? " (timed out)" : "")}\nstdout: {Stdout.Trim()}\nstderr: {Stderr.Trim()}";
}
