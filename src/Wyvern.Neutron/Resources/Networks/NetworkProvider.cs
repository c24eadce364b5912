using Wyvern.Model;
using Wyvern.Neutron.Http;

namespace Wyvern.Neutron.Resources.Networks;

/// <summary>
/// The provider extension: validates <c>provider:network_type</c>, <c>physical_network</c> and
/// <c>segmentation_id</c> (ranges per type, no id twice), allocates a segmentation id when none is
/// given, and derives the MTU from the encapsulation overhead.
/// </summary>
internal static class NetworkProvider
{
    private const long MaxVni = 16_777_215;

    /// <summary>The network type, physical network and segmentation id of a new network.</summary>
    public static (NetworkType Type, string? PhysicalNetwork, int? SegmentationId) Resolve(
        Attributes attributes, NeutronOptions options, IReadOnlyList<LogicalSwitch> networks)
    {
        var type = attributes.Has("provider:network_type")
            ? ParseType(attributes.RequiredString("provider:network_type"))
            : options.DefaultNetworkType;
        var physnet = attributes.Has("provider:physical_network") ? attributes.String("provider:physical_network", nullable: true) : null;
        var segmentation = attributes.Has("provider:segmentation_id") ? attributes.Int("provider:segmentation_id", nullable: true) : null;
        switch (type)
        {
            case NetworkType.Vlan:
                RequirePhysnet(physnet, "VLAN");
                if (segmentation is { } vlan && vlan is < 1 or > 4094)
                {
                    throw NeutronErrors.InvalidInput($"provider:segmentation_id out of range (1 through 4094)");
                }
                var usedVlans = networks.Where(n => n.NetworkType == NetworkType.Vlan && n.PhysicalNetwork == physnet)
                    .Select(n => n.SegmentationId ?? 0).ToHashSet();
                if (segmentation is { } requested && usedVlans.Contains(requested))
                {
                    throw NeutronErrors.Conflict("VlanIdInUse",
                        $"Unable to create the network. The VLAN {requested} on physical network {physnet} is in use.");
                }
                segmentation ??= Enumerable.Range(1, 4094).Cast<int?>().FirstOrDefault(v => !usedVlans.Contains(v!.Value))
                    ?? throw NeutronErrors.Conflict("NoNetworkAvailable", "Unable to create the network. No tenant network is available for allocation.");
                return (type, physnet, segmentation);
            case NetworkType.Flat:
                RequirePhysnet(physnet, "flat");
                RefuseSegmentation(segmentation, "flat");
                if (networks.Any(n => n.NetworkType == NetworkType.Flat && n.PhysicalNetwork == physnet))
                {
                    throw NeutronErrors.Conflict("FlatNetworkInUse",
                        $"Unable to create the flat network. Physical network {physnet} is in use.");
                }
                return (type, physnet, null);
            case NetworkType.Local:
                RefuseSegmentation(segmentation, "local");
                RefusePhysnet(physnet, "local");
                return (type, null, null);
            default:
                RefusePhysnet(physnet, type.ToString().ToLowerInvariant());
                var max = type == NetworkType.Gre ? int.MaxValue : MaxVni;
                if (segmentation is { } vni && (vni < 1 || vni > max))
                {
                    throw NeutronErrors.InvalidInput($"provider:segmentation_id out of range (1 through {max})");
                }
                // VNIs share one space on the wire (the tunnel key), whatever the encapsulation.
                var usedVnis = networks.Where(n => n.IsOverlay).Select(n => n.SegmentationId ?? 0).ToHashSet();
                if (segmentation is { } wanted && usedVnis.Contains(wanted))
                {
                    throw NeutronErrors.Conflict("TunnelIdInUse", $"Unable to create the network. The tunnel ID {wanted} is in use.");
                }
                var next = 1;
                while (usedVnis.Contains(next))
                {
                    next++;
                }
                return (type, null, segmentation ?? next);
        }
    }

    /// <summary>The largest MTU a network of <paramref name="type"/> can carry.</summary>
    public static int MaxMtu(NetworkType type, int physicalMtu) => type switch
    {
        NetworkType.Vxlan => physicalMtu - 50,
        NetworkType.Geneve => physicalMtu - 58,
        NetworkType.Gre => physicalMtu - 42,
        _ => physicalMtu,
    };

    /// <summary>The provider:network_type string of <paramref name="type"/>.</summary>
    public static string Name(NetworkType type) => type.ToString().ToLowerInvariant();

    private static NetworkType ParseType(string text) => text switch
    {
        "vxlan" => NetworkType.Vxlan,
        "geneve" => NetworkType.Geneve,
        "gre" => NetworkType.Gre,
        "vlan" => NetworkType.Vlan,
        "flat" => NetworkType.Flat,
        "local" => NetworkType.Local,
        _ => throw NeutronErrors.InvalidInput($"network_type value '{text}' not supported"),
    };

    private static void RequirePhysnet(string? physnet, string type)
    {
        if (string.IsNullOrEmpty(physnet))
        {
            throw NeutronErrors.InvalidInput($"physical_network required for {type} provider network");
        }
    }

    private static void RefusePhysnet(string? physnet, string type)
    {
        if (!string.IsNullOrEmpty(physnet))
        {
            throw NeutronErrors.InvalidInput($"provider:physical_network specified for {type} network");
        }
    }

    private static void RefuseSegmentation(int? segmentation, string type)
    {
        if (segmentation is not null)
        {
            throw NeutronErrors.InvalidInput($"segmentation_id specified for {type} network");
        }
    }
}
