using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wyvern.Northbound.Benchmarks;

/// <summary>A single etcd on a free loopback port with its data in the given directory; killed by pid on dispose.</summary>
internal sealed class BenchEtcd : IDisposable
{
    private readonly Process _process;

    private BenchEtcd(Process process, Uri clientUrl)
    {
        _process = process;
        ClientUrl = clientUrl;
    }

    public Uri ClientUrl { get; }

    public static async Task<BenchEtcd> StartAsync(string directory)
    {
        var ports = new[] { FreePort(), FreePort() };
        var info = new ProcessStartInfo("/usr/bin/etcd") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "--name", "bench", "--data-dir", Path.Combine(directory, "etcd"),
            "--listen-client-urls", $"http://127.0.0.1:{ports[0]}", "--advertise-client-urls", $"http://127.0.0.1:{ports[0]}",
            "--listen-peer-urls", $"http://127.0.0.1:{ports[1]}", "--initial-advertise-peer-urls", $"http://127.0.0.1:{ports[1]}",
            "--initial-cluster", $"bench=http://127.0.0.1:{ports[1]}",
        })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("etcd did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var etcd = new BenchEtcd(process, new Uri($"http://127.0.0.1:{ports[0]}"));
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var response = await http.PostAsync(new Uri(etcd.ClientUrl, "/v3/kv/range"), new StringContent("{\"key\":\"AA==\"}"));
                if (response.IsSuccessStatusCode)
                {
                    return etcd;
                }
            }
            catch (HttpRequestException)
            {
                // not yet listening
            }
            await Task.Delay(50);
        }
        etcd.Dispose();
        throw new TimeoutException("etcd did not become ready");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
