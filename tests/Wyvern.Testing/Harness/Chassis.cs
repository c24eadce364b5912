using System.Globalization;

namespace Wyvern.Testing.Harness;

/// <summary>
/// One hypervisor: its own network namespace running its own ovsdb-server and
/// ovs-vswitchd (userspace datapath) with a private run directory, following
/// the testbed recipe. The vswitchd must run inside the namespace because a
/// netdev bridge creates a tap named after the bridge in the vswitchd's
/// namespace. Client tools run from the test process through the unix sockets
/// in the run directory (<c>OVS_RUNDIR</c>).
/// </summary>
public sealed class Chassis : IAsyncDisposable
{
    /// <summary>The integration bridge name.</summary>
    public const string IntegrationBridge = "br-int";

    private readonly Dictionary<string, string> _ovsEnv;

    private Chassis(string name, Netns netns, string runDir, string systemId)
    {
        Name = name;
        Netns = netns;
        RunDir = runDir;
        SystemId = systemId;
        _ovsEnv = new Dictionary<string, string>
        {
            ["OVS_RUNDIR"] = runDir,
            ["OVS_LOGDIR"] = runDir,
            ["OVS_DBDIR"] = runDir,
            ["OVS_SYSCONFDIR"] = runDir,
        };
    }

    /// <summary>Unique name (also the namespace and run directory name).</summary>
    public string Name { get; }

    /// <summary>The chassis's namespace.</summary>
    public Netns Netns { get; }

    /// <summary>Directory holding the database, sockets, pidfiles and logs.</summary>
    public string RunDir { get; }

    /// <summary><c>Open_vSwitch external_ids:system-id</c>.</summary>
    public string SystemId { get; }

    /// <summary>The OVSDB unix socket, reachable from any namespace through the filesystem.</summary>
    public string DbSocket => Path.Combine(RunDir, "db.sock");

    /// <summary>
    /// Where a controller in the test process listens for this chassis's switch.
    /// It must lie inside the run directory: OVS refuses unix controller paths
    /// elsewhere (testbed gotcha 7).
    /// </summary>
    public string ControllerSocketPath => Path.Combine(RunDir, "controller.sock");

    /// <summary>The OVS controller target for <see cref="ControllerSocketPath"/>.</summary>
    public string ControllerTarget => "unix:" + ControllerSocketPath;

    /// <summary>The underlay address once <see cref="AttachUnderlayAsync"/> ran.</summary>
    public string? UnderlayIp { get; private set; }

    /// <summary>Pid of ovsdb-server.</summary>
    public int? OvsdbServerPid => Processes.ReadPidFile(Path.Combine(RunDir, "ovsdb-server.pid"));

    /// <summary>Pid of ovs-vswitchd.</summary>
    public int? VswitchdPid => Processes.ReadPidFile(Path.Combine(RunDir, "ovs-vswitchd.pid"));

    /// <summary>Brings up a chassis: namespace, database, ovsdb-server, ovs-vswitchd and (by default) br-int.</summary>
    public static async Task<Chassis> StartAsync(ChassisOptions? options = null)
    {
        options ??= new ChassisOptions();
        var name = TestRun.NewName("ch");
        var runDir = Path.Combine("/tmp", name);
        Directory.CreateDirectory(runDir);
        var netns = await Netns.CreateAsync(name);
        var chassis = new Chassis(name, netns, runDir, options.SystemId ?? name);
        try
        {
            await chassis.StartDaemonsAsync(options);
            return chassis;
        }
        catch
        {
            await chassis.DisposeAsync();
            throw;
        }
    }

    private async Task StartDaemonsAsync(ChassisOptions options)
    {
        var db = Path.Combine(RunDir, "conf.db");
        await Shell.CheckAsync("ovsdb-tool", "create", db, "/usr/share/openvswitch/vswitch.ovsschema");
        await StartOvsdbServerAsync();
        await VsctlAsync("--no-wait", "init");
        await VsctlAsync("--no-wait", "set", "Open_vSwitch", ".",
            $"external_ids:system-id={SystemId}", $"external_ids:hostname={Name}");
        await StartVswitchdAsync(options.EnableDummy);
        if (options.CreateIntegrationBridge)
        {
            await VsctlAsync("add-br", IntegrationBridge, "--", "set", "Bridge", IntegrationBridge,
                "datapath_type=netdev", "fail_mode=secure", "protocols=OpenFlow13",
                "other_config:disable-in-band=true");
            await Netns.CheckAsync("ip", "link", "set", IntegrationBridge, "up");
        }
    }

    /// <summary>Starts ovsdb-server on the existing database (also after <see cref="KillOvsdbServerAsync"/>).</summary>
    public async Task StartOvsdbServerAsync()
    {
        await RunOvsAsync(["ovsdb-server", Path.Combine(RunDir, "conf.db"),
            $"--remote=punix:{DbSocket}",
            "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
            $"--unixctl={Path.Combine(RunDir, "ovsdb-server.ctl")}",
            $"--pidfile={Path.Combine(RunDir, "ovsdb-server.pid")}",
            $"--log-file={Path.Combine(RunDir, "ovsdb-server.log")}",
            "--detach", "--no-chdir", "-vconsole:off"]);
    }

    /// <summary>Starts ovs-vswitchd (also after <see cref="KillVswitchdAsync"/>).</summary>
    public async Task StartVswitchdAsync(bool enableDummy = false)
    {
        string[] args = ["ovs-vswitchd", $"unix:{DbSocket}",
            $"--unixctl={Path.Combine(RunDir, "ovs-vswitchd.ctl")}",
            $"--pidfile={Path.Combine(RunDir, "ovs-vswitchd.pid")}",
            $"--log-file={Path.Combine(RunDir, "ovs-vswitchd.log")}",
            "--detach", "--no-chdir", "-vconsole:off"];
        // Plain --enable-dummy (as issue 7 prescribes), not =override: override registers a dummy
        // copy of every netdev type (~15), and ovs-vswitchd's main loop runs and waits on each
        // class over every dummy device, every pass. At 10,000 ports that was a third of its idle
        // CPU and ~1.5 s of a 4.5 s install (perf on a symbolised 3.1.0, docs/benchmarks.md).
        await RunOvsAsync(enableDummy ? [.. args, "--enable-dummy"] : args);
    }

    /// <summary>Kills ovs-vswitchd by pid (to test recovery); the database stays.</summary>
    public Task KillVswitchdAsync() => Processes.KillPidFileAsync(Path.Combine(RunDir, "ovs-vswitchd.pid"));

    /// <summary>Kills ovsdb-server by pid (to test reconnects).</summary>
    public Task KillOvsdbServerAsync() => Processes.KillPidFileAsync(Path.Combine(RunDir, "ovsdb-server.pid"));

    private Task<string> RunOvsAsync(string[] command) =>
        Netns.CheckAsync(["env", .. _ovsEnv.Select(kv => $"{kv.Key}={kv.Value}"), .. command]);

    /// <summary>Runs <c>ovs-vsctl</c> against this chassis's database.</summary>
    public async Task<string> VsctlAsync(params string[] args) =>
        (await Shell.RunAsync("ovs-vsctl", ["--timeout=10", $"--db=unix:{DbSocket}", .. args], environment: _ovsEnv))
            .EnsureSuccess().Stdout;

    /// <summary>Runs <c>ovs-ofctl -O OpenFlow13</c> against this chassis's switch.</summary>
    public async Task<string> OfctlAsync(params string[] args) =>
        (await Shell.RunAsync("ovs-ofctl", ["-O", "OpenFlow13", .. args], environment: _ovsEnv)).EnsureSuccess().Stdout;

    /// <summary>Runs <c>ovs-appctl</c> against this chassis's ovs-vswitchd.</summary>
    public async Task<string> AppctlAsync(params string[] args) =>
        (await Shell.RunAsync("ovs-appctl", ["-t", Path.Combine(RunDir, "ovs-vswitchd.ctl"), .. args], environment: _ovsEnv))
            .EnsureSuccess().Stdout;

    /// <summary>Installs flows (ovs-ofctl syntax, one per line) on <paramref name="bridge"/>.</summary>
    public async Task AddFlowsAsync(IEnumerable<string> flows, string bridge = IntegrationBridge)
    {
        var file = Path.Combine(RunDir, $"flows-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(file, flows);
        try
        {
            await OfctlAsync("add-flows", bridge, file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Flows of <paramref name="bridge"/> as ovs-ofctl prints them, without statistics.</summary>
    public async Task<IReadOnlyList<string>> DumpFlowsAsync(string bridge = IntegrationBridge) =>
        (await OfctlAsync("--no-stats", "dump-flows", bridge))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();

    /// <summary>Waits until interface <paramref name="iface"/> has a valid ofport and returns it.</summary>
    public async Task<int> WaitOfPortAsync(string iface, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var r = await Shell.RunAsync("ovs-vsctl", ["--timeout=5", $"--db=unix:{DbSocket}", "get", "Interface", iface, "ofport"]);
            if (r.Succeeded && int.TryParse(r.Stdout.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port > 0)
            {
                return port;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"interface {iface} on {Name} has no ofport: {r}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Connects the chassis to the underlay: veth <c>ul0</c> into the fabric
    /// bridge, <c>br-phy</c> (netdev, standalone) owning it with the underlay
    /// IP, MTU 9000 everywhere (encapsulated 1500-byte frames must fit).
    /// </summary>
    public async Task AttachUnderlayAsync(Fabric fabric, string ip)
    {
        await fabric.AddPortAsync(Netns, "ul0");
        await Netns.CheckAsync("ip", "link", "set", "ul0", "mtu", Fabric.Mtu.ToString(CultureInfo.InvariantCulture), "up");
        var mac = (await Netns.CheckAsync("cat", "/sys/class/net/ul0/address")).Trim();
        await VsctlAsync("add-br", "br-phy", "--", "set", "Bridge", "br-phy", "datapath_type=netdev",
            "fail_mode=standalone", $"other_config:hwaddr={mac}",
            "--", "add-port", "br-phy", "ul0",
            "--", "set", "Interface", "br-phy", $"mtu_request={Fabric.Mtu}");
        await Netns.CheckAsync("ip", "addr", "add", $"{ip}/{Fabric.PrefixLength}", "dev", "br-phy");
        await Netns.CheckAsync("ip", "link", "set", "br-phy", "up");
        await AppctlAsync("ovs/route/add", Fabric.Cidr, "br-phy");
        UnderlayIp = ip;
    }

    /// <summary>The MAC of this chassis's <c>br-phy</c> (to pre-seed peers' tunnel neighbour caches).</summary>
    public async Task<string> UnderlayMacAsync() => (await Netns.CheckAsync("cat", "/sys/class/net/br-phy/address")).Trim();

    /// <summary>
    /// Tells this chassis's OVS the underlay MAC of <paramref name="peer"/>, so
    /// the first tunnelled packet is not dropped while OVS resolves it
    /// (testbed gotcha 4).
    /// </summary>
    public async Task SeedTunnelNeighbourAsync(Chassis peer) =>
        await AppctlAsync("tnl/neigh/set", "br-phy", peer.UnderlayIp!, await peer.UnderlayMacAsync());

    /// <summary>
    /// Adds a provider bridge <paramref name="bridge"/> whose uplink is a veth
    /// into <paramref name="network"/>. The bridge is standalone (NORMAL); the
    /// controller connects it to br-int with patch ports.
    /// </summary>
    public async Task AttachProviderAsync(ProviderNetwork network, string bridge = "br-ex")
    {
        const string uplink = "pn0";
        await network.AddPortAsync(Netns, uplink, $"p{network.NextIndex()}");
        await Netns.CheckAsync("ip", "link", "set", uplink, "up");
        await VsctlAsync("add-br", bridge, "--", "set", "Bridge", bridge, "datapath_type=netdev",
            "fail_mode=standalone", "--", "add-port", bridge, uplink);
        await Netns.CheckAsync("ip", "link", "set", bridge, "up");
    }

    /// <summary>Stops the daemons by pid, removes the namespace and the run directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillVswitchdAsync();
        await KillOvsdbServerAsync();
        await Netns.DisposeAsync();
        TestRun.TryDeleteDirectory(RunDir);
    }

    public override string ToString() => Name;
}
