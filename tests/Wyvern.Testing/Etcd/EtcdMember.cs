using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wyvern.Testing.Etcd;

/// <summary>
/// One etcd process (Debian's etcd-server) on loopback with its data in a per-run temp directory.
/// Killed by its pid on dispose, even when the test failed.
/// </summary>
public sealed class EtcdMember : IDisposable
{
    private const string Binary = "/usr/bin/etcd";
    private readonly Process _process;
    private readonly StreamWriter _log;

    private EtcdMember(string name, Process process, Uri clientUrl, string log, StreamWriter logWriter)
    {
        _log = logWriter;
        Name = name;
        _process = process;
        ClientUrl = clientUrl;
        LogPath = log;
    }

    public string Name { get; }

    public Uri ClientUrl { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    /// <summary>The (client, peer) ports for each of <paramref name="count"/> members: free loopback ports.</summary>
    public static List<(int Client, int Peer)> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count * 2).Select(_ =>
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            return l;
        }).ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return [.. Enumerable.Range(0, count).Select(i => (ports[2 * i], ports[(2 * i) + 1]))];
    }

    /// <summary>Starts a member of the cluster <paramref name="initialCluster"/> (<c>name=http://127.0.0.1:peer,…</c>).</summary>
    public static EtcdMember Start(TempDirectory dir, string name, (int Client, int Peer) ports, string initialCluster)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's etcd-server to run the etcd store tests");
        }
        var client = $"http://127.0.0.1:{ports.Client}";
        var peer = $"http://127.0.0.1:{ports.Peer}";
        var log = dir.File(name + ".log");
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--name", name, "--data-dir", dir.File(name + ".etcd"),
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", initialCluster, "--initial-cluster-state", "new",
            "--initial-cluster-token", System.IO.Path.GetFileName(dir.Path),
            // Short raft timers: fast elections after a kill, and 1 s is then a valid lease TTL.
            "--heartbeat-interval", "25", "--election-timeout", "250",
        })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("etcd did not start");
        var writer = new StreamWriter(log) { AutoFlush = true };
        var gate = new object();
        DataReceivedEventHandler append = (_, e) =>
        {
            lock (gate)
            {
                if (e.Data is not null)
                {
                    writer.WriteLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new EtcdMember(name, process, new Uri(client), log, writer);
    }

    /// <summary>Waits until this member answers a linearizable read (it has a leader).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"etcd {Name} exited with {_process.ExitCode}: {ReadLog()}");
            }
            try
            {
                using var response = await http.PostAsync(new Uri(ClientUrl, "/v3/kv/range"), new StringContent("{\"key\":\"AA==\"}"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"etcd {Name} not ready after {timeout}: {ReadLog()}");
    }

    /// <summary>kill -9 by pid.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
    }

    private string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var text = new StreamReader(stream).ReadToEnd();
            return text.Length > 2000 ? text[^2000..] : text;
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _log.Dispose();
    }
}
