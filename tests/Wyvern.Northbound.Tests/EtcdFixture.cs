using Wyvern.Testing.Etcd;

namespace Wyvern.Northbound.Tests;

/// <summary>A single-member etcd for one test class; each test uses its own key prefix.</summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private EtcdMember? _member;

    public Uri ClientUrl => _member?.ClientUrl ?? throw new InvalidOperationException("etcd not started");

    public async Task InitializeAsync()
    {
        var ports = EtcdMember.FreePorts(1)[0];
        _member = EtcdMember.Start(_dir, "m0", ports, $"m0=http://127.0.0.1:{ports.Peer}");
        await _member.WaitReadyAsync(TimeSpan.FromSeconds(15));
    }

    public Task DisposeAsync()
    {
        _member?.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
