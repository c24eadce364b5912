using System.Net;
using System.Net.Sockets;
using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// nat(src|dst=addr[-addr][:port[-port]], persistent, hash, random), only inside ct().
/// nicira-ext.h nx_action_nat: nx header(10) pad(2) flags(2) range_present(2) = 16,
/// then the present range parts in this order: ipv4 min(4), ipv4 max(4), ipv6 min(16),
/// ipv6 max(16), proto min(2), proto max(2), zero-padded to 8.
/// </summary>
public sealed record NxNatAction(
    NxNatFlags Flags = NxNatFlags.None,
    IPAddress? AddressMin = null,
    IPAddress? AddressMax = null,
    ushort? PortMin = null,
    ushort? PortMax = null) : OfpAction
{
    private const ushort Ipv4Min = 1;
    private const ushort Ipv4Max = 2;
    private const ushort Ipv6Min = 4;
    private const ushort Ipv6Max = 8;
    private const ushort ProtoMin = 16;
    private const ushort ProtoMax = 32;

    private ushort RangePresent
    {
        get
        {
            ushort present = 0;
            if (AddressMin is not null)
            {
                present |= IsV6(AddressMin) ? Ipv6Min : Ipv4Min;
            }

            if (AddressMax is not null)
            {
                present |= IsV6(AddressMax) ? Ipv6Max : Ipv4Max;
            }

            if (PortMin is not null)
            {
                present |= ProtoMin;
            }

            if (PortMax is not null)
            {
                present |= ProtoMax;
            }

            return present;
        }
    }

    public override int EncodedLength
    {
        get
        {
            var length = 16;
            length += AddressMin is null ? 0 : IsV6(AddressMin) ? 16 : 4;
            length += AddressMax is null ? 0 : IsV6(AddressMax) ? 16 : 4;
            length += PortMin is null ? 0 : 2;
            length += PortMax is null ? 0 : 2;
            return Pad.To8(length);
        }
    }

    internal override void Write(ref SpanWriter writer)
    {
        var start = writer.Position;
        NxHeader.Write(ref writer, EncodedLength, NxActionSubtype.Nat);
        writer.Zeros(2);
        writer.U16((ushort)Flags);
        writer.U16(RangePresent);
        WriteAddress(ref writer, AddressMin);
        WriteAddress(ref writer, AddressMax);
        if (PortMin is { } portMin)
        {
            writer.U16(portMin);
        }

        if (PortMax is { } portMax)
        {
            writer.U16(portMax);
        }

        writer.PadTo8(start);
    }

    internal static NxNatAction Read(ref SpanReader body)
    {
        body.Skip(2);
        var flags = (NxNatFlags)body.U16();
        var present = body.U16();
        IPAddress? min = null, max = null;
        ushort? portMin = null, portMax = null;
        if ((present & Ipv4Min) != 0)
        {
            min = new IPAddress(body.Bytes(4));
        }

        if ((present & Ipv4Max) != 0)
        {
            max = new IPAddress(body.Bytes(4));
        }

        if ((present & Ipv6Min) != 0)
        {
            min = new IPAddress(body.Bytes(16));
        }

        if ((present & Ipv6Max) != 0)
        {
            max = new IPAddress(body.Bytes(16));
        }

        if ((present & ProtoMin) != 0)
        {
            portMin = body.U16();
        }

        if ((present & ProtoMax) != 0)
        {
            portMax = body.U16();
        }

        return new NxNatAction(flags, min, max, portMin, portMax);
    }

    private static bool IsV6(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6;

    private static void WriteAddress(ref SpanWriter writer, IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        writer.Bytes(bytes[..written]);
    }
}
