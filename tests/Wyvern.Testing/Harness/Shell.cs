using System.Diagnostics;
using System.Text;

namespace Wyvern.Testing.Harness;

/// <summary>
/// Runs host commands for the harness: with arguments passed as a list (no
/// shell quoting), a timeout after which the process tree is killed by pid,
/// and both output streams captured.
/// </summary>
public static class Shell
{
    /// <summary>Default limit for one harness command.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> and returns what happened.</summary>
    public static async Task<CommandResult> RunAsync(
        string file,
        IEnumerable<string> args,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }
        var text = file + " " + string.Join(' ', psi.ArgumentList);
        using var process = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new CommandResult(text, 127, "", $"cannot start {file}: {e.Message}", false);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? DefaultTimeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None);
        }
        // WaitForExitAsync returns once the streams are drained as well.
        string o, e2;
        lock (stdout) { o = stdout.ToString(); }
        lock (stderr) { e2 = stderr.ToString(); }
        return new CommandResult(text, timedOut ? -1 : process.ExitCode, o, e2, timedOut);
    }

    /// <summary>Runs a command and throws with its output if it fails.</summary>
    public static async Task<string> CheckAsync(string file, params string[] args) =>
        (await RunAsync(file, args)).EnsureSuccess().Stdout;

    /// <summary>Runs a command inside network namespace <paramref name="netns"/>.</summary>
    public static Task<CommandResult> RunInAsync(
        string netns, IEnumerable<string> command, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RunAsync("ip", ["netns", "exec", netns, .. command], timeout, null, cancellationToken);
}
