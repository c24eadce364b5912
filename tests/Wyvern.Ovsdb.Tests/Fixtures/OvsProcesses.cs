using System.Diagnostics;

namespace Wyvern.Ovsdb.Tests.Fixtures;

/// <summary>Runs helper commands and finds the OVS binaries; a missing binary fails the test
/// with a message naming it (never a silent skip).</summary>
internal static class OvsProcesses
{
    public const string Schema = "/usr/share/openvswitch/vswitch.ovsschema";

    public static string Require(string binary)
    {
        foreach (var dir in new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin" })
        {
            var path = Path.Combine(dir, binary);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"this test needs `{binary}` (package openvswitch-switch / iproute2); it is not installed");
    }

    public static string NewRunId() => "wy-" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();

    /// <summary>Runs a command to completion; throws with its stderr if it fails.</summary>
    public static string Run(string file, params string[] args)
    {
        var (code, stdout, stderr) = TryRun(file, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"`{file} {string.Join(' ', args)}` exited {code}: {stderr.Trim()}");
        }

        return stdout;
    }

    public static (int Code, string Stdout, string Stderr) TryRun(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(20_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{file} {string.Join(' ', args)}` did not finish in 20 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Kills a process we started, by pid, and reaps it.</summary>
    public static void KillByPid(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException($"timed out after {timeoutMs} ms waiting for {what}");
            }

            await Task.Delay(20);
        }
    }
}
