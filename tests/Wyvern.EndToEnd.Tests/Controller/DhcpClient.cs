using Wyvern.Testing.Harness;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>
/// Runs busybox udhcpc in a VM with a script of our own (the stock one calls
/// resolvconf and busybox ifconfig): it configures the lease with iproute2
/// and records what the server said.
/// </summary>
internal static class DhcpClient
{
    /// <summary>The lease a client got.</summary>
    public sealed record Lease(string Ip, int Prefix, string? Router, int? Mtu, string Dns, string Domain);

    public static async Task<Lease> AcquireAsync(NetworkHost vm, string workDir)
    {
        var script = Path.Combine(workDir, "udhcpc.sh");
        var leaseFile = Path.Combine(workDir, $"lease-{vm.Netns.Name}");
        if (!File.Exists(script))
        {
            await File.WriteAllTextAsync(script, """
                #!/bin/sh
                # udhcpc hook: configure the interface, then write the lease down.
                case "$1" in
                  bound|renew)
                    ip addr flush dev "$interface"
                    ip addr add "$ip/$mask" dev "$interface"
                    [ -n "$mtu" ] && ip link set "$interface" mtu "$mtu"
                    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
                    echo "$ip|$mask|${router%% *}|$mtu|$dns|$domain" > "$LEASE_FILE"
                    ;;
                esac
                exit 0
                """.Replace("\r", "", StringComparison.Ordinal));
            if (OperatingSystem.IsLinux()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var r = await vm.ExecAsync(["env", $"LEASE_FILE={leaseFile}", "udhcpc", "-i", NetworkHost.Interface, "-f", "-q", "-n", "-t", "8", "-T", "1", "-s", script],
            TimeSpan.FromSeconds(30));
        if (!r.Succeeded || !File.Exists(leaseFile))
        {
            throw new InvalidOperationException($"no DHCP lease for {vm}: {r}");
        }
        var f = (await File.ReadAllTextAsync(leaseFile)).Trim().Split('|');
        return new Lease(f[0], int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), f[2].Length > 0 ? f[2] : null,
            f[3].Length > 0 ? int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture) : null, f[4], f[5]);
    }
}
