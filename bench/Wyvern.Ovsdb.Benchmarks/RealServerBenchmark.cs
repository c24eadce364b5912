using System.Diagnostics;
using System.Globalization;
using Wyvern.Ovsdb.Binding;
using Wyvern.Ovsdb.Monitoring;
using Wyvern.Ovsdb.Rows;
using Wyvern.Ovsdb.Rpc;
using Wyvern.Ovsdb.Transactions;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Benchmarks;

/// <summary>
/// Wall-clock figures against a private ovsdb-server (no vswitchd, so ofports are written by
/// the benchmark): one transaction inserting N ports, a monitor's initial snapshot of them,
/// and the local-port view. The server runs in <c>/tmp/wy-&lt;hex&gt;</c> and is killed by pid.
/// </summary>
internal static class RealServerBenchmark
{
    public static async Task RunAsync(int count)
    {
        var dir = Path.Combine("/tmp", "wy-" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant());
        Directory.CreateDirectory(dir);
        Process? server = null;
        try
        {
            Run("ovsdb-tool", "create", Path.Combine(dir, "conf.db"), "/usr/share/openvswitch/vswitch.ovsschema");
            var socket = Path.Combine(dir, "db.sock");
            server = Process.Start(new ProcessStartInfo("ovsdb-server",
                [Path.Combine(dir, "conf.db"), "--remote=punix:" + socket, "--unixctl=" + Path.Combine(dir, "ctl"), "--no-chdir", "-vconsole:off"]))!;
            while (!File.Exists(socket))
            {
                await Task.Delay(10);
            }

            await using var client = await OvsdbClient.ConnectAsync(OvsdbEndpoint.Unix(socket));
            var ops = new List<OvsdbOperation>
            {
                OvsdbOperation.Insert(OpenVSwitchRow.Table, new Dictionary<string, OvsdbValue> { ["bridges"] = OvsdbValue.Set(OvsdbAtom.NamedUuid("br")) }),
            };
            var ports = new List<OvsdbAtom>();
            for (var i = 0; i < count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                ops.Add(OvsdbOperation.Insert(InterfaceRow.Table, new Dictionary<string, OvsdbValue>
                {
                    ["name"] = "tap" + n,
                    ["ofport"] = i + 1,
                    ["external_ids"] = OvsdbValue.StringMap([KeyValuePair.Create("iface-id", Guid.NewGuid().ToString()), KeyValuePair.Create("attached-mac", "fa:16:3e:00:00:01")]),
                }, "i" + n));
                ops.Add(OvsdbOperation.Insert(PortRow.Table, new Dictionary<string, OvsdbValue>
                {
                    ["name"] = "tap" + n,
                    ["interfaces"] = OvsdbValue.Set(OvsdbAtom.NamedUuid("i" + n)),
                }, "p" + n));
                ports.Add(OvsdbAtom.NamedUuid("p" + n));
            }

            ops.Add(OvsdbOperation.Insert(BridgeRow.Table, new Dictionary<string, OvsdbValue> { ["name"] = "br-int", ["ports"] = OvsdbValue.Set(ports) }, "br"));

            var watch = Stopwatch.StartNew();
            await client.TransactAsync("Open_vSwitch", ops);
            var insert = watch.Elapsed;

            watch.Restart();
            await using var monitor = await client.MonitorAsync("Open_vSwitch",
                [new OvsdbMonitorRequest(InterfaceRow.Table, InterfaceRow.Columns), new OvsdbMonitorRequest(PortRow.Table), new OvsdbMonitorRequest(BridgeRow.Table)]);
            var snapshot = watch.Elapsed;

            watch.Restart();
            await using var binding = await LocalPortBindingMonitor.StartAsync(client);
            var view = watch.Elapsed;

            watch.Restart();
            await client.TransactAsync("Open_vSwitch",
                [OvsdbOperation.Update(InterfaceRow.Table, [OvsdbCondition.Equal("name", "tap42")], new Dictionary<string, OvsdbValue> { ["ofport"] = 50_000 })]);
            using var cts = new CancellationTokenSource(10_000);
            LocalPortBatch batch;
            do
            {
                batch = await binding.Batches.ReadAsync(cts.Token);
            }
            while (!batch.Events.Any(e => e.Kind == LocalPortEventKind.OfportChanged));
            var change = watch.Elapsed;

            Console.WriteLine($"ports: {count}, bound: {binding.View.VmPorts.Count}");
            Console.WriteLine($"transact inserting {count} interfaces+ports: {insert.TotalMilliseconds:F0} ms");
            Console.WriteLine($"monitor_cond initial snapshot (all columns of 3 tables): {snapshot.TotalMilliseconds:F0} ms");
            Console.WriteLine($"local-port binding start (monitor + view): {view.TotalMilliseconds:F0} ms");
            Console.WriteLine($"one ofport change: transact -> OfportChanged event: {change.TotalMilliseconds:F1} ms");
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill();
                await server.WaitForExitAsync();
            }

            server?.Dispose();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args))!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited {process.ExitCode}");
        }
    }
}
