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
    {
        Ports = ports;
        VmPorts = ports.Values.Where(p => p.Kind == LocalPortKind.Vm)
            .GroupBy(p => p.NeutronPortId!, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.OrderBy(p => p.Name, StringComparer.Ordinal).First(), StringComparer.Ordinal);
        TunnelPorts = ports.Values.Where(p => p.Kind == LocalPortKind.Tunnel)
            .GroupBy(p => p.TunnelType!, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.OrderBy(p => p.Name, StringComparer.Ordinal).First(), StringComparer.Ordinal);
        PatchPorts = [.. ports.Values.Where(p => p.Kind == LocalPortKind.Patch).OrderBy(p => p.Name, StringComparer.Ordinal)];
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

    /// <summary>The events that turn this view into <paramref name="next"/>: unplugs, then ofport
    /// changes and updates, then plugs, each group by name.</summary>
    public IReadOnlyList<LocalPortEvent> DiffTo(LocalPortView next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var unplugged = new List<LocalPortEvent>();
        var changed = new List<LocalPortEvent>();
        var plugged = new List<LocalPortEvent>();
        foreach (var (uuid, old) in Ports)
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

        foreach (var (uuid, now) in next.Ports)
        {
            if (!Ports.ContainsKey(uuid))
            {
                plugged.Add(new LocalPortEvent(LocalPortEventKind.Plugged, now));
            }
        }

        static IEnumerable<LocalPortEvent> ByName(List<LocalPortEvent> events) => events.OrderBy(e => e.Port.Name, StringComparer.Ordinal);
        return [.. ByName(unplugged), .. ByName(changed), .. ByName(plugged)];
    }
}
