namespace Wyvern.Testing.Harness;

/// <summary>
/// Owns everything a test builds (chassis, fabric, VMs, provider networks,
/// external hosts) and tears it down in reverse order when disposed — also
/// when the test failed half-way. Use as <c>await using var lab = new Lab();</c>.
/// </summary>
public sealed class Lab : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>Starts a chassis.</summary>
    public Task<Chassis> AddChassisAsync(ChassisOptions? options = null) => Own(Chassis.StartAsync(options));

    /// <summary>Starts an underlay fabric.</summary>
    public Task<Fabric> AddFabricAsync() => Own(Fabric.StartAsync());

    /// <summary>Starts a provider (physical) network.</summary>
    public Task<ProviderNetwork> AddProviderNetworkAsync(string physnet = "physnet1") => Own(ProviderNetwork.StartAsync(physnet));

    /// <summary>Creates a VM plugged into a chassis.</summary>
    public Task<Vm> AddVmAsync(Chassis chassis, string portId, string mac, string? cidr = null, string? gateway = null) =>
        Own(Vm.PlugAsync(chassis, portId, mac, cidr, gateway));

    /// <summary>Creates a host on a provider network.</summary>
    public Task<ExternalHost> AddExternalHostAsync(ProviderNetwork network, string mac, string cidr, string? gateway = null) =>
        Own(ExternalHost.StartAsync(network, mac, cidr, gateway));

    /// <summary>Takes ownership of any other disposable (a controller, a listener).</summary>
    public T Own<T>(T item) where T : IAsyncDisposable
    {
        lock (_owned)
        {
            _owned.Add(item);
        }
        return item;
    }

    private async Task<T> Own<T>(Task<T> creating) where T : IAsyncDisposable => Own(await creating);

    /// <summary>Disposes one owned item now and lets go of it (a benchmark measuring memory after it).</summary>
    public async Task DisposeNowAsync(IAsyncDisposable item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_owned)
        {
            _owned.Remove(item);
        }
        await item.DisposeAsync();
    }

    /// <summary>Disposes everything in reverse order of creation; failures are collected, not stopping the rest.</summary>
    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> items;
        lock (_owned)
        {
            items = [.. _owned];
            _owned.Clear();
        }
        var errors = new List<Exception>();
        for (var i = items.Count - 1; i >= 0; i--)
        {
            try
            {
                await items[i].DisposeAsync();
            }
            catch (Exception e) when (e is CommandFailedException or IOException or InvalidOperationException)
            {
                errors.Add(e);
            }
        }
        if (errors.Count > 0)
        {
            throw new AggregateException("lab teardown failed", errors);
        }
    }
}
