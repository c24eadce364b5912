using System.Collections.Immutable;

namespace Wyvern.Ovsdb.Binding;

/// <summary>An immutable map of the ready ports on the integration bridge.</summary>
public sealed class LocalPortView
{
    /// <summary>No ports.</summary>
    public static readonly LocalPortView Empty = new(ImmutableDictionary<Guid, LocalPort>.Empty);

    /// <summary>A view of these ports (for tests and for consumers that build views themselves).</summary>
    public LocalPortView(IEnumerable<LocalPort> ports)
        : this(ports.ToImmutableDictionary(p => p.InterfaceUuid))
    {
    }

    internal LocalPortView(ImmutableDictionary<Guid, LocalPort> ports)
        : this(ports, VmIndex(ports.Values), TunnelIndex(ports.Values), PatchList(ports.Values))
    {
    }

    private LocalPortView(
        ImmutableDictionary<Guid, LocalPort> ports,
        ImmutableDictionary<string, LocalPort> vmPorts,
        ImmutableDictionary<string, LocalPort> tunnelPorts,
        ImmutableArray<LocalPort> patchPorts)
    {
        Ports = ports;
        VmPorts = vmPorts;
        TunnelPorts = tunnelPorts;
        PatchPorts = patchPorts;
    }

    /// <summary>Every ready port, by Interface uuid.</summary>
    public ImmutableDictionary<Guid, LocalPort> Ports { get; }

    /// <summary>VM ports by Neutron port id.</summary>
    public ImmutableDictionary<string, LocalPort> VmPorts { get; }

    /// <summary>Virtual tunnel ports by tunnel type.</summary>
    public ImmutableDictionary<string, LocalPort> TunnelPorts { get; }

    /// <summary>Patch ports, by name.</summary>
    public ImmutableArray<LocalPort> PatchPorts { get; }

    /// <summary>The VM port bound to <paramref name="neutronPortId"/>, or null.</summary>
    public LocalPort? FindVmPort(string neutronPortId) => VmPorts.GetValueOrDefault(neutronPortId);

    /// <summary>
    /// This view with some interfaces replaced (<paramref name="upserts"/>) or gone
    /// (<paramref name="removals"/>), in time proportional to the change: the indexes are
    /// rebuilt only for the Neutron ids and port kinds the change touches.
    /// </summary>
    internal LocalPortView With(IReadOnlyCollection<LocalPort> upserts, IReadOnlyCollection<Guid> removals)
    {
        var touched = upserts.Concat(removals.Select(r => Ports.GetValueOrDefault(r)).OfType<LocalPort>())
            .Concat(upserts.Select(u => Ports.GetValueOrDefault(u.InterfaceUuid)).OfType<LocalPort>())
            .ToList();
        var ports = Ports.SetItems(upserts.Select(u => KeyValuePair.Create(u.InterfaceUuid, u))).RemoveRange(removals);

        var vmPorts = VmPorts;
        var settled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var port in upserts.Where(u => u.Kind == LocalPortKind.Vm))
        {
            // The common case, a VM port whose ofport or state changed: same interface, same id.
            if (VmPorts.TryGetValue(port.NeutronPortId!, out var current) && current.InterfaceUuid == port.InterfaceUuid
                && Ports.TryGetValue(port.InterfaceUuid, out var before) && before.NeutronPortId == port.NeutronPortId)
            {
                vmPorts = vmPorts.SetItem(port.NeutronPortId!, port);
                settled.Add(port.NeutronPortId!);
            }
        }

        foreach (var id in touched.Where(p => p.Kind == LocalPortKind.Vm).Select(p => p.NeutronPortId!).Distinct(StringComparer.Ordinal))
        {
            if (settled.Contains(id))
            {
                continue;
            }

            var chosen = ports.Values.Where(p => p.Kind == LocalPortKind.Vm && p.NeutronPortId == id)
                .OrderBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault();
            vmPorts = chosen is null ? vmPorts.Remove(id) : vmPorts.SetItem(id, chosen);
        }

        var tunnels = touched.Any(p => p.Kind == LocalPortKind.Tunnel) ? TunnelIndex(ports.Values) : TunnelPorts;
        var patches = touched.Any(p => p.Kind == LocalPortKind.Patch) ? PatchList(ports.Values) : PatchPorts;
        return new LocalPortView(ports, vmPorts, tunnels, patches);
    }

    /// <summary>The events that turn this view into <paramref name="next"/>: unplugs, then ofport
    /// changes and updates, then plugs, each group by name.</summary>
    public IReadOnlyList<LocalPortEvent> DiffTo(LocalPortView next) => DiffTo(next, null);

    /// <summary><see cref="DiffTo(LocalPortView)"/> limited to the interfaces in <paramref name="only"/> (all if null).</summary>
    internal IReadOnlyList<LocalPortEvent> DiffTo(LocalPortView next, IReadOnlyCollection<Guid>? only)
    {
        ArgumentNullException.ThrowIfNull(next);
        var unplugged = new List<LocalPortEvent>();
        var changed = new List<LocalPortEvent>();
        var plugged = new List<LocalPortEvent>();
        IEnumerable<KeyValuePair<Guid, LocalPort>> Pick(LocalPortView view) => only is null
            ? view.Ports
            : only.Where(view.Ports.ContainsKey).Select(u => KeyValuePair.Create(u, view.Ports[u]));
        foreach (var (uuid, old) in Pick(this))
        {
            if (!next.Ports.TryGetValue(uuid, out var now) || now.Kind != old.Kind || now.NeutronPortId != old.NeutronPortId)
            {
                unplugged.Add(new LocalPortEvent(LocalPortEventKind.Unplugged, old));
                if (now is not null)
                {
                    plugged.Add(new LocalPortEvent(LocalPortEventKind.Plugged, now));
                }
            }
            else if (now.Ofport != old.Ofport)
            {
                changed.Add(new LocalPortEvent(LocalPortEventKind.OfportChanged, now, old));
            }
            else if (now != old)
            {
                changed.Add(new LocalPortEvent(LocalPortEventKind.Updated, now, old));
            }
        }

        foreach (var (uuid, now) in Pick(next))
        {
            if (!Ports.ContainsKey(uuid))
            {
                plugged.Add(new LocalPortEvent(LocalPortEventKind.Plugged, now));
            }
        }

        static IEnumerable<LocalPortEvent> ByName(List<LocalPortEvent> events) => events.OrderBy(e => e.Port.Name, StringComparer.Ordinal);
        return [.. ByName(unplugged), .. ByName(changed), .. ByName(plugged)];
    }

    private static ImmutableDictionary<string, LocalPort> VmIndex(IEnumerable<LocalPort> ports) =>
        ports.Where(p => p.Kind == LocalPortKind.Vm)
            .GroupBy(p => p.NeutronPortId!, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.OrderBy(p => p.Name, StringComparer.Ordinal).First(), StringComparer.Ordinal);

    private static ImmutableDictionary<string, LocalPort> TunnelIndex(IEnumerable<LocalPort> ports) =>
        ports.Where(p => p.Kind == LocalPortKind.Tunnel)
            .GroupBy(p => p.TunnelType!, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.OrderBy(p => p.Name, StringComparer.Ordinal).First(), StringComparer.Ordinal);

    private static ImmutableArray<LocalPort> PatchList(IEnumerable<LocalPort> ports) =>
        [.. ports.Where(p => p.Kind == LocalPortKind.Patch).OrderBy(p => p.Name, StringComparer.Ordinal)];
}
