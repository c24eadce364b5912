using System.Diagnostics;

namespace Wyvern.Neutron.Tests;

/// <summary>
/// Runs Debian's <c>openstack</c> client (python3-openstackclient) against an API on loopback, in
/// interactive mode (commands on stdin, one process for a whole script: a cold start costs a second),
/// with <c>OS_AUTH_TYPE=none</c> and <c>OS_ENDPOINT</c>. Interactive mode exits 0 even when a command
/// fails, so a script succeeded only if stderr is empty.
/// </summary>
internal static class OpenStackCli
{
    private const string Executable = "/usr/bin/openstack";

    /// <summary>Runs <paramref name="commands"/>; returns stdout lines (empty lines dropped) and stderr.</summary>
    public static async Task<(IReadOnlyList<string> Lines, string Errors)> RunAsync(Uri endpoint, string cacheDirectory, params string[] commands)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install python3-openstackclient to run the CLI compatibility test");
        }
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OS_AUTH_TYPE"] = "none";
        start.Environment["OS_ENDPOINT"] = endpoint.ToString().TrimEnd('/');
        start.Environment["XDG_CACHE_HOME"] = cacheDirectory;
        start.Environment["XDG_CONFIG_HOME"] = cacheDirectory;
        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            foreach (var command in commands)
            {
                await process.StandardInput.WriteLineAsync(command);
            }
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return (lines, (await stderr).Trim());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
