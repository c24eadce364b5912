using System.Diagnostics;

namespace Wyvern.OpenFlow.Tests;

/// <summary>Runs ovs-ofctl (no daemon needed for ofp-print). Fails clearly when it is not installed.</summary>
public static class OvsOfctl
{
    /// <summary>ovs-ofctl -O OpenFlow13 ofp-print HEX, stdout with trailing whitespace trimmed.</summary>
    public static string OfpPrint(byte[] message) => Run("-O", "OpenFlow13", "ofp-print", Convert.ToHexString(message)).TrimEnd();

    public static string Run(params string[] args) => RunWithEnvironment(null, args);

    public static string RunWithEnvironment(IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("ovs-ofctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("ovs-ofctl did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("ovs-ofctl is required (package openvswitch-switch) but was not found on PATH", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(20_000))
            {
                process.Kill();
                throw new TimeoutException($"ovs-ofctl {string.Join(' ', args)} did not finish in 20 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ovs-ofctl {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
            }

            return stdout.Result;
        }
    }
}
