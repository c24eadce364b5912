using Wyvern.Apps;
using Wyvern.Model;
using Wyvern.Pipeline;

namespace Wyvern.Controller.Engine;

/// <summary>
/// The incremental engine. Inputs (model changes, local port bindings) go
/// into <see cref="State"/>; the engine works out which owners they affect
/// and recomputes only those owners' flows, with every app or, for a change only one app
/// reads, with that app alone (<see cref="OwnerSet"/>).
/// <para>Invariants:</para>
/// <list type="bullet">
/// <item>Apps are pure: an owner's flows are a function of the state alone.</item>
/// <item>After any sequence of changes, the desired table equals what <see cref="RunAll"/> computes from the same state (tested on every scenario).</item>
/// <item>A change recomputes the owners that read the changed object: itself, the network of a port (flooding), the routers of a subnet's network, the ports of a network, the ports bound on a chassis; for a security group, its own flows, its ports that list its rules themselves (no keys: more than two groups, or one missing) or all of them when it appears, goes or changes key, and the members of a group it names as remote when the rules naming that group changed (a port's own membership flows are its own, so a port joining or leaving a group recomputes only that port); ports with the security-group app alone: no other app reads a group.</item>
/// </list>
/// </summary>
public sealed class FlowEngine
{
    private readonly IReadOnlyList<IApp> _apps;
    private readonly Dictionary<AppId, IApp> _appsById;
    private readonly List<FlowSpec> _scratch = [];

    public FlowEngine(ChassisState state, IReadOnlyList<IApp> apps)
    {
        State = state;
        _apps = apps;
        _appsById = apps.ToDictionary(a => a.Id);
    }

    /// <summary>The apps Wyvern runs, in order.</summary>
    public static IReadOnlyList<IApp> DefaultApps() =>
        [new PipelineApp(), new ClassifierApp(), new PortSecurityApp(), new L2App(), new ArpResponderApp(), new DhcpApp(), new L3App(), new TunnelingApp(), new ProviderNetworkApp(),
         new RouterGatewayApp(), new FloatingIpApp(), new NeighbourApp(), new SecurityGroupApp()];

    /// <summary>The model and local state the apps read.</summary>
    public ChassisState State { get; }

    /// <summary>
    /// A recompute of at least this many owners (a bulk import, a resync, a full run, a new
    /// tunnel or provider port) has the desired table treat every key as dirty instead of
    /// tracking each (<see cref="DesiredFlowTable.MarkBulk"/>).
    /// </summary>
    internal int BulkRecomputeOwners { get; init; } = 1000;

    /// <summary>The desired flows.</summary>
    public DesiredFlowTable Desired { get; } = new();

    /// <summary>Recomputes every owner from scratch.</summary>
    public void RunAll()
    {
        var owners = AllOwners().ToHashSet();
        foreach (var stale in Desired.Owners.Where(o => !owners.Contains(ParseOwner(o))).ToList())
        {
            Desired.Replace(stale, []);
        }
        RecomputeAll(Every(owners));
    }

    /// <summary>Applies a created or updated object.</summary>
    public void HandleUpsert(NbObject value) => HandleBatch([(value.Table, value.Id, value)]);

    /// <summary>Applies the deletion of an object.</summary>
    public void HandleDelete(string table, string id) => HandleBatch([(table, id, null)]);

    /// <summary>
    /// Applies the changes of one store transaction (a null value is a deletion): first every
    /// change to the state, then each owner any of them affects is recomputed once, against
    /// the state after all of them. Recomputing per change gave the same table (an owner's
    /// last recompute already saw every change that affects it) but recomputed a network's
    /// flood flows once per port added to it: quadratic in a network's ports for a bulk import.
    /// </summary>
    public void HandleBatch(IEnumerable<(string Table, string Id, NbObject? Value)> changes)
    {
        var owners = new OwnerSet();
        foreach (var (table, id, value) in changes)
        {
            if (value is not null)
            {
                AddAffected(owners, State.Upsert(value), value);
            }
            else if (State.Remove(table, id) is { } old)
            {
                AddAffected(owners, old, null);
            }
        }
        RecomputeAll(owners);
    }

    /// <summary>
    /// Replaces the model with a snapshot (after the store's history was
    /// compacted): every object missing from it is deleted, every object in
    /// it applied, as one batch (<see cref="HandleBatch"/>).
    /// </summary>
    public void HandleSnapshot(IReadOnlyCollection<NbObject> objects)
    {
        var present = objects.Select(o => (o.Table, o.Id)).ToHashSet();
        var stale = State.All.Where(o => !present.Contains((o.Table, o.Id))).Select(o => (o.Table, o.Id, (NbObject?)null)).ToList();
        var changed = objects.Where(o => !Equals(State.Get(o.Table, o.Id), o)).Select(o => (o.Table, o.Id, (NbObject?)o)).ToList();
        HandleBatch([.. stale, .. changed]);
    }

    /// <summary>A port was plugged here on <paramref name="ofport"/>, moved to another ofport, or unplugged (null).</summary>
    public void HandleLocalBinding(string portId, int? ofport)
    {
        if (!State.SetLocalOfPort(portId, ofport))
        {
            return;
        }
        var owners = new HashSet<Owner> { Owner.Port(portId) };
        if (State.Port(portId) is { } port)
        {
            owners.Add(Owner.Network(port.NetworkId));
        }
        owners.UnionWith(State.FloatingIpsOfPort(portId).Select(f => Owner.FloatingIp(f.Id)));
        RecomputeAll(Every(owners));
    }

    /// <summary>This chassis's virtual tunnel port of <paramref name="type"/> appeared, moved (new ofport) or went away (null).</summary>
    public void HandleTunnelPort(TunnelType type, int? ofport)
    {
        if (!State.SetTunnelOfPort(type, ofport))
        {
            return;
        }
        // Every overlay flow names the tunnel ofport: networks (classification,
        // flooding) and ports bound elsewhere (egress).
        RecomputeAll(Every(State.Networks.Select(n => Owner.Network(n.Id))
            .Concat(State.Ports.Where(p => p.Binding is not null && p.Binding.Chassis != State.ChassisName).Select(p => Owner.Port(p.Id)))
            .Concat(NorthSouthOwners())));
    }

    /// <summary>The patch port to a physical network's provider bridge appeared, moved or went away (null).</summary>
    public void HandleProviderPort(string physnet, int? ofport)
    {
        if (!State.SetProviderOfPort(physnet, ofport))
        {
            return;
        }
        var networks = State.Networks.Where(n => n.PhysicalNetwork == physnet).Select(n => n.Id).ToHashSet();
        RecomputeAll(Every(networks.Select(Owner.Network)
            .Concat(State.Ports.Where(p => networks.Contains(p.NetworkId)).Select(p => Owner.Port(p.Id)))
            .Concat(NorthSouthOwners())));
    }

    private static OwnerSet Every(IEnumerable<Owner> owners)
    {
        var set = new OwnerSet();
        set.UnionWith(owners);
        return set;
    }

    private void RecomputeAll(OwnerSet owners)
    {
        if (owners.Count >= BulkRecomputeOwners)
        {
            Desired.MarkBulk();
        }
        foreach (var (owner, only) in owners.Entries)
        {
            Recompute(owner, only);
        }
    }

    private void Recompute(Owner owner, AppId? only)
    {
        _scratch.Clear();
        var name = owner.ToString();
        if (only is { } id && _appsById.TryGetValue(id, out var app))
        {
            // The other apps' flows of this owner stand as they are; this app's go after them,
            // where a full recompute puts them too when the app runs last, as the security-group
            // app does. (Anywhere else only the order would differ: the table matches by equality.)
            foreach (var flow in Desired.OwnedBy(name))
            {
                if (flow.App != id)
                {
                    _scratch.Add(flow);
                }
            }
            app.Consider(owner, State, _scratch);
        }
        else
        {
            foreach (var each in _apps)
            {
                each.Consider(owner, State, _scratch);
            }
        }
        Desired.Replace(name, _scratch);
    }

    private IEnumerable<Owner> AllOwners()
    {
        yield return Owner.Pipeline;
        foreach (var n in State.Networks)
        {
            yield return Owner.Network(n.Id);
        }
        foreach (var p in State.Ports)
        {
            yield return Owner.Port(p.Id);
        }
        foreach (var r in State.Routers)
        {
            yield return Owner.Router(r.Id);
        }
        foreach (var f in State.FloatingIps)
        {
            yield return Owner.FloatingIp(f.Id);
        }
        foreach (var g in State.SecurityGroups)
        {
            yield return Owner.SecurityGroup(g.Id);
        }
    }

    /// <summary>Routers with an external gateway and every floating IP: what depends on chassis liveness and provider ports.</summary>
    private IEnumerable<Owner> NorthSouthOwners() =>
        State.Routers.Where(r => r.ExternalGateway is not null).Select(r => Owner.Router(r.Id))
            .Concat(State.FloatingIps.Select(f => Owner.FloatingIp(f.Id)));

    /// <summary>Owners that read an external network: routers with their gateway on it and its floating IPs.</summary>
    private IEnumerable<Owner> ExternalOwners(string networkId) =>
        State.RoutersWithGatewayOn(networkId).Select(r => Owner.Router(r.Id))
            .Concat(State.FloatingIpsOfNetwork(networkId).Select(f => Owner.FloatingIp(f.Id)));

    /// <summary>Adds the owners that read <paramref name="old"/> or <paramref name="value"/> (either may be null).</summary>
    private void AddAffected(OwnerSet owners, NbObject? old, NbObject? value)
    {
        if (old is SecurityGroup || value is SecurityGroup)
        {
            AddAffectedByGroup(owners, old as SecurityGroup, value as SecurityGroup);
            return;
        }
        foreach (var o in new[] { old, value })
        {
            switch (o)
            {
                case LogicalPort p:
                    owners.Add(Owner.Port(p.Id));
                    owners.Add(Owner.Network(p.NetworkId));
                    if (p.DeviceOwner == "network:router_interface" && p.DeviceId.Length > 0)
                    {
                        owners.Add(Owner.Router(p.DeviceId));
                    }
                    // A floating IP is served where its target port is bound.
                    owners.UnionWith(State.FloatingIpsOfPort(p.Id).Select(f => Owner.FloatingIp(f.Id)));
                    break;
                case LogicalSwitch n:
                    owners.Add(Owner.Network(n.Id));
                    owners.UnionWith(State.PortsOfNetwork(n.Id).Select(p => Owner.Port(p.Id)));
                    owners.UnionWith(State.RoutersOfNetwork(n.Id).Select(r => Owner.Router(r.Id)));
                    owners.UnionWith(ExternalOwners(n.Id));
                    break;
                case Subnet s:
                    owners.Add(Owner.Network(s.NetworkId));
                    owners.UnionWith(State.RoutersOfNetwork(s.NetworkId).Select(r => Owner.Router(r.Id)));
                    owners.UnionWith(ExternalOwners(s.NetworkId));
                    break;
                case LogicalRouter r:
                    owners.Add(Owner.Router(r.Id));
                    owners.UnionWith(State.FloatingIpsOfRouter(r.Id).Select(f => Owner.FloatingIp(f.Id)));
                    break;
                case FloatingIp f:
                    owners.Add(Owner.FloatingIp(f.Id));
                    break;
                case Neighbour nb:
                    owners.UnionWith(ExternalOwners(nb.NetworkId));
                    break;
                case Chassis c:
                    // Its address or tunnel types changed, or its lease expired:
                    // the ports bound there and the networks that flood to them.
                    foreach (var p in State.PortsBoundTo(c.Id))
                    {
                        owners.Add(Owner.Port(p.Id));
                        owners.Add(Owner.Network(p.NetworkId));
                    }
                    // Gateway choice and floating IP placement depend on which chassis are alive and what they map.
                    owners.UnionWith(NorthSouthOwners());
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// A security group changed (either version may be null). Its own flows (its rules, and the
    /// clause its ports in no other group meet through their key) are recomputed; of its ports,
    /// those that carry its key (in one or two groups) only when it appears, goes or changes key, the others (their
    /// clauses list its rules) always; the members of each group its rules name as remote only when
    /// the rules naming that group changed (their address flows carry those rules' clauses). Of a
    /// port's flows only the security-group app's read a group.
    /// </summary>
    private void AddAffectedByGroup(OwnerSet owners, SecurityGroup? old, SecurityGroup? value)
    {
        var id = (value ?? old)!.Id;
        owners.Add(Owner.SecurityGroup(id));
        var keyChanged = old?.Key != value?.Key;
        foreach (var port in State.PortsOfSecurityGroup(id))
        {
            // Read against the state after the change: the group's key is the same as before, so
            // is whether this port carries keys (another group appearing in the same batch
            // recomputes its own ports).
            if (keyChanged || !SecurityGroupApp.TakesRulesByKey(port, State))
            {
                owners.Add(Owner.Port(port.Id), AppId.SecurityGroup);
            }
        }
        var remotes = (old is null ? [] : ChassisState.RemoteGroups(old)).Union(value is null ? [] : ChassisState.RemoteGroups(value));
        foreach (var remote in remotes.Where(r => !SecurityGroupApp.SameMemberClauses(old, value, r)))
        {
            foreach (var member in State.PortsOfSecurityGroup(remote))
            {
                owners.Add(Owner.Port(member.Id), AppId.SecurityGroup);
            }
        }
    }

    private static Owner ParseOwner(string text)
    {
        if (text == "pipeline")
        {
            return Owner.Pipeline;
        }
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var kind = Enum.Parse<OwnerKind>(text[..slash], ignoreCase: true);
        return new Owner(kind, text[(slash + 1)..]);
    }
}
