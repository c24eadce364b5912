using System.Net;
using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>
/// Where a port is bound. For a VM port: the chassis whose OVS has an Interface with
/// <c>external_ids:iface-id</c> = the port id. For a remote device (binding:profile
/// <c>{"port_key": "remote_port", "host_ip": "…"}</c>): <see cref="Chassis"/> is the
/// VTEP's IP as text and <see cref="RemoteVtepIp"/> the VTEP's address
/// (Dragonflow remote-device-communication).
/// </summary>
public sealed record PortBinding(string Chassis, IPAddress? RemoteVtepIp = null)
{
    /// <summary>True for a remote device reached over the overlay.</summary>
    [JsonIgnore]
    public bool IsRemote => RemoteVtepIp is not null;

    /// <summary>A binding to a remote VTEP, named after its IP.</summary>
    public static PortBinding Remote(IPAddress vtepIp)
    {
        ArgumentNullException.ThrowIfNull(vtepIp);
        return new(vtepIp.ToString(), vtepIp);
    }
}
