using System.Globalization;
using System.Text;

namespace Wyvern.Ovsdb.Benchmarks;

/// <summary>Builds the <c>table-updates2</c> a server sends for a br-int with <c>n</c> VM interfaces.</summary>
internal static class SnapshotJson
{
    public static Guid BridgeUuid { get; } = Guid.Parse("00000000-0000-4000-8000-000000000001");

    public static Guid InterfaceUuid(int i) => new(i + 1, 1, 1, [0x80, 0, 0, 0, 0, 0, 0, 1]);

    public static Guid PortUuid(int i) => new(i + 1, 2, 2, [0x80, 0, 0, 0, 0, 0, 0, 2]);

    public static string Build(int count)
    {
        var sb = new StringBuilder(count * 400);
        sb.Append("{\"Bridge\":{\"").Append(BridgeUuid).Append("\":{\"initial\":{\"name\":\"br-int\",\"ports\":[\"set\",[");
        for (var i = 0; i < count; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("[\"uuid\",\"").Append(PortUuid(i)).Append("\"]");
        }

        sb.Append("]]}}},\"Port\":{");
        for (var i = 0; i < count; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append('"').Append(PortUuid(i)).Append("\":{\"initial\":{\"name\":\"tap").Append(i)
              .Append("\",\"interfaces\":[\"uuid\",\"").Append(InterfaceUuid(i)).Append("\"]}}");
        }

        sb.Append("},\"Interface\":{");
        for (var i = 0; i < count; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append('"').Append(InterfaceUuid(i)).Append("\":{\"initial\":")
              .Append(InterfaceRow(i, ofport: i + 1)).Append('}');
        }

        return sb.Append("}}").ToString();
    }

    public static string InterfaceRow(int i, int ofport) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"name\":\"tap{i}\",\"ofport\":{ofport},\"admin_state\":\"up\",\"link_state\":\"up\",\"mac_in_use\":\"fa:16:3e:00:{i >> 8 & 0xff:x2}:{i & 0xff:x2}\"," +
        $"\"external_ids\":[\"map\",[[\"attached-mac\",\"fa:16:3e:00:{i >> 8 & 0xff:x2}:{i & 0xff:x2}\"],[\"iface-id\",\"{Guid.NewGuid()}\"],[\"iface-status\",\"active\"]]]}}");
}
