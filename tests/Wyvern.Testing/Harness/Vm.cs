namespace Wyvern.Testing.Harness;

/// <summary>
/// A VM as Nova and os-vif plug it: a namespace whose <c>eth0</c> is a veth
/// to <c>tap&lt;first 11 chars of the port id&gt;</c> in the chassis, which is a
/// port of br-int with <c>external_ids:iface-id</c> = the Neutron port id and
/// <c>attached-mac</c>. Port ids must differ in their first 8 hex digits or
/// the tap names collide.
/// </summary>
public sealed class Vm : NetworkHost
{
    private Vm(Netns netns, Chassis chassis, string portId, string mac, string tap) : base(netns, mac)
    {
        Chassis = chassis;
        PortId = portId;
        TapName = tap;
    }

    /// <summary>The chassis the VM is plugged into.</summary>
    public Chassis Chassis { get; }

    /// <summary>The Neutron port id (<c>external_ids:iface-id</c>).</summary>
    public string PortId { get; }

    /// <summary>The tap (veth end) in the chassis, a port of br-int.</summary>
    public string TapName { get; }

    /// <summary>The Nova tap name for a port id.</summary>
    public static string TapNameFor(string portId) => "tap" + portId[..11];

    /// <summary>Creates the VM and plugs it into <paramref name="chassis"/>'s br-int; optionally sets a static address.</summary>
    public static async Task<Vm> PlugAsync(Chassis chassis, string portId, string mac, string? cidr = null, string? gateway = null)
    {
        var netns = await Netns.CreateAsync(TestRun.NewName("vm"));
        var tap = TapNameFor(portId);
        var vm = new Vm(netns, chassis, portId, mac, tap);
        try
        {
            await chassis.Netns.CheckAsync("ip", "link", "add", tap, "type", "veth", "peer", "name", Interface, "netns", netns.Name);
            await PrepareInterfaceAsync(netns, mac);
            await chassis.Netns.CheckAsync("ip", "link", "set", tap, "up");
            await chassis.VsctlAsync("add-port", Chassis.IntegrationBridge, tap, "--", "set", "Interface", tap,
                $"external_ids:iface-id={portId}", $"external_ids:attached-mac={mac}",
                "external_ids:iface-status=active", $"external_ids:vm-uuid={netns.Name}");
            if (cidr is not null)
            {
                await vm.ConfigureAsync(cidr, gateway);
            }
            return vm;
        }
        catch
        {
            await vm.DisposeAsync();
            throw;
        }
    }

    /// <summary>The VM's ofport on br-int.</summary>
    public Task<int> OfPortAsync() => Chassis.WaitOfPortAsync(TapName);

    /// <summary>Unplugs the VM from br-int (if the chassis still runs) and deletes its namespace.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Chassis.OvsdbServerPid is { } pid && Processes.IsAlive(pid))
        {
            await Shell.RunAsync("ovs-vsctl", ["--timeout=5", $"--db=unix:{Chassis.DbSocket}", "--if-exists", "del-port", Chassis.IntegrationBridge, TapName]);
        }
        await base.DisposeAsync();
    }
}
