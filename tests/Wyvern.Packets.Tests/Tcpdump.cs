using System.Buffers.Binary;
using Wyvern.Testing.Harness;

namespace Wyvern.Packets.Tests;

/// <summary>Decodes frames with the real tcpdump (from a pcap file), so our encoder is checked by another implementation.</summary>
internal static class Tcpdump
{
    public static async Task<string> DecodeAsync(params byte[][] frames)
    {
        HostRequirements.EnsureCommand("tcpdump", "tcpdump");
        var file = Path.Combine(Path.GetTempPath(), $"wy-pcap-{Guid.NewGuid():N}.pcap");
        try
        {
            await File.WriteAllBytesAsync(file, Pcap(frames));
            var r = await Shell.RunAsync("tcpdump", ["-r", file, "-n", "-vvv", "-e"]);
            return r.EnsureSuccess().Stdout;
        }
        finally
        {
            File.Delete(file);
        }
    }

    // libpcap file format: global header(24) then per packet header(16) + data.
    private static byte[] Pcap(byte[][] frames)
    {
        using var ms = new MemoryStream();
        Span<byte> h = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], 1); // LINKTYPE_ETHERNET
        ms.Write(h);
        Span<byte> r = stackalloc byte[16];
        foreach (var f in frames)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(r[8..], (uint)f.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(r[12..], (uint)f.Length);
            ms.Write(r);
            ms.Write(f);
        }
        return ms.ToArray();
    }
}
