using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Wyvern.Ovsdb.Rpc;

namespace Wyvern.Ovsdb.Tests.Fixtures;

/// <summary>
/// A private ovsdb-server with a fresh Open_vSwitch database in <c>/tmp/wy-&lt;hex&gt;</c>, listening on
/// a unix socket there and on a free TCP port of 127.0.0.1. Started as our child (no --detach),
/// so it is killed by pid; <see cref="Kill"/> and <see cref="Start"/> let a test restart it on
/// the same database. Dispose removes the directory.
/// </summary>
internal sealed class OvsdbServerProcess : IDisposable
{
    private Process? _process;

    public OvsdbServerProcess(string? runId = null)
    {
        RunId = runId ?? OvsProcesses.NewRunId();
        Directory = Path.Combine("/tmp", RunId);
        System.IO.Directory.CreateDirectory(Directory);
        OvsProcesses.Run(OvsProcesses.Require("ovsdb-tool"), "create", DbPath, OvsProcesses.Schema);
        TcpPort = FreeTcpPort();
        Start();
    }

    public string RunId { get; }

    public string Directory { get; }

    public string DbPath => Path.Combine(Directory, "conf.db");

    public string SocketPath => Path.Combine(Directory, "db.sock");

    public int TcpPort { get; }

    public OvsdbEndpoint UnixEndpoint => OvsdbEndpoint.Unix(SocketPath);

    public OvsdbEndpoint TcpEndpoint => OvsdbEndpoint.Tcp(IPAddress.Loopback, TcpPort);

    public int Pid => _process?.Id ?? 0;

    public void Start()
    {
        var info = new ProcessStartInfo(OvsProcesses.Require("ovsdb-server"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[]
        {
            DbPath, "--remote=punix:" + SocketPath, $"--remote=ptcp:{TcpPort}:127.0.0.1",
            "--unixctl=" + Path.Combine(Directory, "ovsdb-server.ctl"),
            "--log-file=" + Path.Combine(Directory, "ovsdb-server.log"),
            "--no-chdir", "-vconsole:off",
        })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        var deadline = Stopwatch.StartNew();
        while (!CanConnect())
        {
            if (_process.HasExited || deadline.ElapsedMilliseconds > 10_000)
            {
                throw new InvalidOperationException(
                    $"ovsdb-server did not come up: {_process.StandardError.ReadToEnd()} (log {Directory}/ovsdb-server.log)");
            }

            Thread.Sleep(10);
        }
    }

    public void Kill()
    {
        OvsProcesses.KillByPid(_process);
        _process = null;
    }

    /// <summary>Runs ovs-vsctl against this server (no vswitchd: always --no-wait).</summary>
    public string Vsctl(params string[] args) =>
        OvsProcesses.Run(OvsProcesses.Require("ovs-vsctl"), ["--db=unix:" + SocketPath, "--no-wait", "--timeout=10", .. args]);

    public void Dispose()
    {
        Kill();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private bool CanConnect()
    {
        if (!File.Exists(SocketPath))
        {
            return false;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Connect(IPAddress.Loopback, TcpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
