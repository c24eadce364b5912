using Wyvern.Apps;
using Wyvern.Model;

namespace Wyvern.Controller.Engine;

/// <summary>
/// The controller's local copy of the logical model, indexed the way apps
/// read it, plus this chassis's local state (which ports are plugged here and
/// on which ofport). Implements <see cref="IChassisView"/>; only the engine
/// writes to it. Indexes iterate in id order so that flows that list several
/// objects (flooding) come out the same on every recompute.
/// </summary>
public sealed class ChassisState(string chassisName) : IChassisView
{
    private readonly Dictionary<string, LogicalSwitch> _networks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Subnet> _subnets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LogicalPort> _ports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LogicalRouter> _routers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Chassis> _chassis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FloatingIp> _floatingIps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Neighbour> _neighbours = new(StringComparer.Ordinal);
    private readonly Index<FloatingIp> _floatingIpsByPort = new();
    private readonly Index<FloatingIp> _floatingIpsByRouter = new();
    private readonly Index<FloatingIp> _floatingIpsByNetwork = new();
    private readonly Index<LogicalRouter> _routersByGatewayNetwork = new();
    private readonly Dictionary<string, SecurityGroup> _securityGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NbObject> _others = new(StringComparer.Ordinal);
    private readonly Index<LogicalPort> _portsBySecurityGroup = new();
    private readonly Index<SecurityGroup> _groupsByRemoteGroup = new();
    private readonly Index<LogicalPort> _portsByNetwork = new();
    private readonly Index<Subnet> _subnetsByNetwork = new();
    private readonly Index<LogicalRouter> _routersByNetwork = new();
    private readonly Index<LogicalPort> _portsByChassis = new();
    private readonly Dictionary<string, int> _localOfPorts = new(StringComparer.Ordinal);
    private readonly Dictionary<int, LogicalPort> _portsByKey = [];
    private readonly Dictionary<int, LogicalRouter> _routersByKey = [];
    private readonly Dictionary<int, LogicalSwitch> _networksByKey = [];
    private readonly Dictionary<TunnelType, int> _tunnelOfPorts = [];
    private readonly Dictionary<string, int> _providerOfPorts = new(StringComparer.Ordinal);

    public string ChassisName { get; } = chassisName;

    public LogicalSwitch? Network(string id) => _networks.GetValueOrDefault(id);

    public LogicalPort? Port(string id) => _ports.GetValueOrDefault(id);

    public Subnet? Subnet(string id) => _subnets.GetValueOrDefault(id);

    public LogicalRouter? Router(string id) => _routers.GetValueOrDefault(id);

    public Chassis? Chassis(string name) => _chassis.GetValueOrDefault(name);

    public IEnumerable<LogicalPort> PortsOfNetwork(string networkId) => _portsByNetwork.Get(networkId);

    public SecurityGroup? SecurityGroup(string id) => _securityGroups.GetValueOrDefault(id);

    public IEnumerable<LogicalPort> PortsOfSecurityGroup(string groupId) => _portsBySecurityGroup.Get(groupId);

    public IEnumerable<SecurityGroup> SecurityGroupsReferencing(string groupId) => _groupsByRemoteGroup.Get(groupId);

    /// <summary>Every security group.</summary>
    public IEnumerable<SecurityGroup> SecurityGroups => _securityGroups.Values;

    public IEnumerable<Subnet> SubnetsOfNetwork(string networkId) => _subnetsByNetwork.Get(networkId);

    public IEnumerable<LogicalRouter> RoutersOfNetwork(string networkId) => _routersByNetwork.Get(networkId);

    public FloatingIp? FloatingIp(string id) => _floatingIps.GetValueOrDefault(id);

    public IEnumerable<FloatingIp> FloatingIpsOfPort(string portId) => _floatingIpsByPort.Get(portId);

    public IEnumerable<FloatingIp> FloatingIpsOfRouter(string routerId) => _floatingIpsByRouter.Get(routerId);

    public IEnumerable<FloatingIp> FloatingIpsOfNetwork(string networkId) => _floatingIpsByNetwork.Get(networkId);

    public IEnumerable<LogicalRouter> RoutersWithGatewayOn(string networkId) => _routersByGatewayNetwork.Get(networkId);

    public Neighbour? Neighbour(string subnetId) => _neighbours.GetValueOrDefault(subnetId);

    /// <summary>The ports whose binding names chassis <paramref name="chassis"/>, in id order.</summary>
    public IEnumerable<LogicalPort> PortsBoundTo(string chassis) => _portsByChassis.Get(chassis);

    public int? LocalOfPort(string portId) => _localOfPorts.TryGetValue(portId, out var p) ? p : null;

    public int? TunnelOfPort(TunnelType type) => _tunnelOfPorts.TryGetValue(type, out var p) ? p : null;

    /// <summary>Records this chassis's virtual tunnel port of <paramref name="type"/> (null: gone). Returns true on a change.</summary>
    public bool SetTunnelOfPort(TunnelType type, int? ofport)
    {
        if (ofport is { } p)
        {
            if (_tunnelOfPorts.TryGetValue(type, out var old) && old == p)
            {
                return false;
            }
            _tunnelOfPorts[type] = p;
            return true;
        }
        return _tunnelOfPorts.Remove(type);
    }

    public int? ProviderOfPort(string physnet) => _providerOfPorts.TryGetValue(physnet, out var p) ? p : null;

    /// <summary>Records the patch port to <paramref name="physnet"/>'s provider bridge (null: gone). Returns true on a change.</summary>
    public bool SetProviderOfPort(string physnet, int? ofport)
    {
        if (ofport is { } p)
        {
            if (_providerOfPorts.TryGetValue(physnet, out var old) && old == p)
            {
                return false;
            }
            _providerOfPorts[physnet] = p;
            return true;
        }
        return _providerOfPorts.Remove(physnet);
    }

    /// <summary>The port with key <paramref name="key"/> (from reg6/reg7 in a packet-in), or null.</summary>
    public LogicalPort? PortByKey(int key) => _portsByKey.GetValueOrDefault(key);

    /// <summary>The router with key <paramref name="key"/> (reg5 in a packet-in), or null.</summary>
    public LogicalRouter? RouterByKey(int key) => _routersByKey.GetValueOrDefault(key);

    /// <summary>The network with key <paramref name="key"/> (metadata in a packet-in), or null.</summary>
    public LogicalSwitch? NetworkByKey(int key) => _networksByKey.GetValueOrDefault(key);

    /// <summary>Every stored object of every table (for a resync against a snapshot).</summary>
    public IEnumerable<NbObject> All =>
        _networks.Values.Cast<NbObject>().Concat(_subnets.Values).Concat(_ports.Values).Concat(_routers.Values)
            .Concat(_chassis.Values).Concat(_floatingIps.Values).Concat(_neighbours.Values).Concat(_securityGroups.Values).Concat(_others.Values);

    /// <summary>Every object of the model, for a full recompute.</summary>
    public IEnumerable<LogicalSwitch> Networks => _networks.Values;

    public IEnumerable<LogicalPort> Ports => _ports.Values;

    public IEnumerable<LogicalRouter> Routers => _routers.Values;

    public IEnumerable<Chassis> AllChassis => _chassis.Values;

    public IEnumerable<FloatingIp> FloatingIps => _floatingIps.Values;

    /// <summary>Ports plugged here (port id → ofport).</summary>
    public IReadOnlyDictionary<string, int> LocalPorts => _localOfPorts;

    /// <summary>The stored object <paramref name="table"/>/<paramref name="id"/>, or null.</summary>
    public NbObject? Get(string table, string id) => table switch
    {
        NbTables.Networks => Network(id),
        NbTables.Subnets => Subnet(id),
        NbTables.Ports => Port(id),
        NbTables.Routers => Router(id),
        NbTables.Chassis => Chassis(id),
        NbTables.FloatingIps => FloatingIp(id),
        NbTables.Neighbours => Neighbour(id),
        NbTables.SecurityGroups => SecurityGroup(id),
        _ => _others.GetValueOrDefault(table + "/" + id),
    };

    /// <summary>Stores (or replaces) an object; returns the previous version, if any.</summary>
    public NbObject? Upsert(NbObject value)
    {
        var old = Remove(value.Table, value.Id);
        switch (value)
        {
            case LogicalSwitch n:
                _networks[n.Id] = n;
                _networksByKey[n.Key] = n;
                break;
            case Subnet s:
                _subnets[s.Id] = s;
                _subnetsByNetwork.Add(s.NetworkId, s.Id, s);
                break;
            case LogicalPort p:
                _ports[p.Id] = p;
                _portsByNetwork.Add(p.NetworkId, p.Id, p);
                _portsByKey[p.Key] = p;
                if (p.Binding is { } binding)
                {
                    _portsByChassis.Add(binding.Chassis, p.Id, p);
                }
                foreach (var g in p.SecurityGroupIds.Distinct())
                {
                    _portsBySecurityGroup.Add(g, p.Id, p);
                }
                break;
            case SecurityGroup g:
                _securityGroups[g.Id] = g;
                foreach (var remote in RemoteGroups(g))
                {
                    _groupsByRemoteGroup.Add(remote, g.Id, g);
                }
                break;
            case LogicalRouter r:
                _routers[r.Id] = r;
                _routersByKey[r.Key] = r;
                foreach (var net in r.Ports.Select(rp => rp.NetworkId).Distinct())
                {
                    _routersByNetwork.Add(net, r.Id, r);
                }
                if (r.ExternalGateway is { } gw)
                {
                    _routersByGatewayNetwork.Add(gw.NetworkId, r.Id, r);
                }
                break;
            case Chassis c:
                _chassis[c.Id] = c;
                break;
            case FloatingIp f:
                _floatingIps[f.Id] = f;
                _floatingIpsByNetwork.Add(f.FloatingNetworkId, f.Id, f);
                if (f.PortId is { } port)
                {
                    _floatingIpsByPort.Add(port, f.Id, f);
                }
                if (f.RouterId is { } router)
                {
                    _floatingIpsByRouter.Add(router, f.Id, f);
                }
                break;
            case Neighbour nb:
                _neighbours[nb.Id] = nb;
                break;
            default:
                _others[value.Table + "/" + value.Id] = value;
                break;
        }
        return old;
    }

    /// <summary>Removes an object; returns it, or null when it was not there.</summary>
    public NbObject? Remove(string table, string id)
    {
        var old = Get(table, id);
        switch (old)
        {
            case null:
                return null;
            case LogicalSwitch n:
                _networks.Remove(id);
                _networksByKey.Remove(n.Key);
                break;
            case Subnet s:
                _subnets.Remove(id);
                _subnetsByNetwork.Remove(s.NetworkId, id);
                break;
            case LogicalPort p:
                _ports.Remove(id);
                _portsByNetwork.Remove(p.NetworkId, id);
                _portsByKey.Remove(p.Key);
                if (p.Binding is { } binding)
                {
                    _portsByChassis.Remove(binding.Chassis, id);
                }
                foreach (var g in p.SecurityGroupIds.Distinct())
                {
                    _portsBySecurityGroup.Remove(g, id);
                }
                break;
            case SecurityGroup g:
                _securityGroups.Remove(id);
                foreach (var remote in RemoteGroups(g))
                {
                    _groupsByRemoteGroup.Remove(remote, id);
                }
                break;
            case LogicalRouter r:
                _routers.Remove(id);
                _routersByKey.Remove(r.Key);
                foreach (var net in r.Ports.Select(rp => rp.NetworkId).Distinct())
                {
                    _routersByNetwork.Remove(net, id);
                }
                if (r.ExternalGateway is { } gw)
                {
                    _routersByGatewayNetwork.Remove(gw.NetworkId, id);
                }
                break;
            case Wyvern.Model.Chassis:
                _chassis.Remove(id);
                break;
            case Wyvern.Model.FloatingIp f:
                _floatingIps.Remove(id);
                _floatingIpsByNetwork.Remove(f.FloatingNetworkId, id);
                if (f.PortId is { } port)
                {
                    _floatingIpsByPort.Remove(port, id);
                }
                if (f.RouterId is { } router)
                {
                    _floatingIpsByRouter.Remove(router, id);
                }
                break;
            case Wyvern.Model.Neighbour:
                _neighbours.Remove(id);
                break;
            default:
                _others.Remove(table + "/" + id);
                break;
        }
        return old;
    }

    /// <summary>The groups <paramref name="group"/>'s rules name as remote group, each once.</summary>
    public static IEnumerable<string> RemoteGroups(SecurityGroup group) =>
        group.Rules.Select(r => r.RemoteGroupId).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>Records that a port is plugged here on <paramref name="ofport"/> (null: unplugged). Returns true on a change.</summary>
    public bool SetLocalOfPort(string portId, int? ofport)
    {
        if (ofport is { } p)
        {
            if (_localOfPorts.TryGetValue(portId, out var old) && old == p)
            {
                return false;
            }
            _localOfPorts[portId] = p;
            return true;
        }
        return _localOfPorts.Remove(portId);
    }

    /// <summary>A secondary index: group id → members, in member id order.</summary>
    private sealed class Index<T>
    {
        private readonly Dictionary<string, SortedDictionary<string, T>> _groups = new(StringComparer.Ordinal);

        public IEnumerable<T> Get(string group) =>
            _groups.TryGetValue(group, out var members) ? members.Values : Enumerable.Empty<T>();

        public void Add(string group, string id, T value)
        {
            if (!_groups.TryGetValue(group, out var members))
            {
                _groups[group] = members = new SortedDictionary<string, T>(StringComparer.Ordinal);
            }
            members[id] = value;
        }

        public void Remove(string group, string id)
        {
            if (_groups.TryGetValue(group, out var members) && members.Remove(id) && members.Count == 0)
            {
                _groups.Remove(group);
            }
        }
    }
}
