using System.Net;
using Wyvern.Model;
using Wyvern.OpenFlow.Matching;
using Wyvern.Testing.Simulation;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// Several chassis, each with its own engine, reconciler and simulated
/// switch, sharing one logical model, joined by an underlay: a packet a
/// switch outputs on its tunnel port reaches the chassis (or remote VTEP)
/// named by tun_dst, arriving on that chassis's tunnel port of the same type;
/// a packet out of the provider patch port reaches every other chassis's.
/// </summary>
internal sealed class FakeNetwork
{
    public const int VxlanPort = 100;
    public const int GenevePort = 101;
    public const int PhysnetPatchPort = 200;
    public const string Physnet = "physnet1";

    private readonly Dictionary<string, (ScenarioSwitch Switch, IPAddress Ip)> _chassis = [];

    /// <summary>Packets that left the fabric for an address no chassis has (a remote VTEP): address and packet.</summary>
    public List<(IPAddress To, SimPacket Packet)> Elsewhere { get; } = [];

    public ScenarioSwitch this[string chassis] => _chassis[chassis].Switch;

    /// <summary>Adds a chassis with VXLAN and Geneve tunnel ports and publishes it to every engine.</summary>
    public FakeNetwork AddChassis(string name, string underlayIp)
    {
        var s = new ScenarioSwitch(name).Tunnel(TunnelType.Vxlan, VxlanPort).Tunnel(TunnelType.Geneve, GenevePort);
        s.Engine.HandleProviderPort(Physnet, PhysnetPatchPort);
        s.Sync();
        _chassis[name] = (s, IPAddress.Parse(underlayIp));
        Put(Record(name, underlayIp));
        foreach (var (other, _) in _chassis.Where(c => c.Key != name))
        {
            s.Put(_chassis[other].Switch.Engine.State.Chassis(other)!);
        }
        return this;
    }

    public static Chassis Record(string name, string underlayIp) =>
        new() { Id = name, UnderlayIp = IPAddress.Parse(underlayIp), TunnelTypes = [TunnelType.Vxlan, TunnelType.Geneve] };

    /// <summary>Writes objects to the model every chassis sees.</summary>
    public FakeNetwork Put(params NbObject[] objects)
    {
        foreach (var (s, _) in _chassis.Values)
        {
            s.Put(objects);
        }
        return this;
    }

    public FakeNetwork Delete<T>(string id) where T : NbObject
    {
        foreach (var (s, _) in _chassis.Values)
        {
            s.Delete<T>(id);
        }
        return this;
    }

    /// <summary>Sends a frame from a local port of <paramref name="chassis"/> and follows it across tunnels; returns every (chassis, output) where it left to a VM.</summary>
    public List<(string Chassis, SimOutput Output)> Send(string chassis, uint inPort, byte[] frame) =>
        Follow(chassis, SimPacket.FromFrame(inPort, frame), hops: 0);

    /// <summary>Injects a packet as if it arrived on <paramref name="chassis"/>'s tunnel port.</summary>
    public List<(string Chassis, SimOutput Output)> Inject(string chassis, SimPacket packet) => Follow(chassis, packet, hops: 0);

    private List<(string, SimOutput)> Follow(string chassis, SimPacket packet, int hops)
    {
        if (hops > 4)
        {
            throw new InvalidOperationException("a packet crossed the fabric more than 4 times (a tunnel loop?)");
        }
        var results = new List<(string, SimOutput)>();
        var (sw, ip) = _chassis[chassis];
        foreach (var output in sw.Switch.Trace(packet).Outputs)
        {
            if (output.Port is VxlanPort or GenevePort)
            {
                var to = new IPAddress(BitConverter.GetBytes((uint)output.Packet.Get(OxmField.TunIpv4Dst)).Reverse().ToArray());
                var target = _chassis.FirstOrDefault(c => c.Value.Ip.Equals(to));
                if (target.Key is null)
                {
                    Elsewhere.Add((to, output.Packet));
                    continue;
                }
                var source = BitConverter.ToUInt32(ip.GetAddressBytes().Reverse().ToArray());
                results.AddRange(Follow(target.Key, output.Packet.ReceivedOnTunnel(output.Port, source), hops + 1));
            }
            else if (output.Port == PhysnetPatchPort)
            {
                // The physical network: a learning-free switch that gives the frame to every other chassis.
                foreach (var other in _chassis.Keys.Where(c => c != chassis))
                {
                    results.AddRange(Follow(other, output.Packet.ReceivedOnTunnel(PhysnetPatchPort, 0), hops + 1));
                }
            }
            else
            {
                results.Add((chassis, output));
            }
        }
        return results;
    }

    /// <summary>Runs every chassis's per-scenario checks.</summary>
    public void Verify()
    {
        foreach (var (s, _) in _chassis.Values)
        {
            s.Verify();
        }
    }
}
