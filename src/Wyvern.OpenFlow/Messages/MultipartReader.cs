using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>Decodes OFPT_MULTIPART_REQUEST / OFPT_MULTIPART_REPLY bodies (OF 1.3.5 §7.3.5).</summary>
internal static class MultipartReader
{
    public static MultipartRequest ReadRequest(ref SpanReader body)
    {
        var type = (MultipartType)body.U16();
        var more = (body.U16() & 1) != 0;
        body.Skip(4);
        MultipartRequest request = type switch
        {
            MultipartType.Flow => FlowStatsRequest.Read(ref body),
            MultipartType.Aggregate => AggregateStatsRequest.Read(ref body),
            MultipartType.PortDesc when body.IsEmpty => new PortDescRequest(),
            MultipartType.Table when body.IsEmpty => new TableStatsRequest(),
            _ => new UnknownMultipartRequest(type, ValueArray.Create(body.Rest)),
        };
        return request with { More = more };
    }

    public static MultipartReply ReadReply(ref SpanReader body)
    {
        var type = (MultipartType)body.U16();
        var more = (body.U16() & 1) != 0;
        body.Skip(4);
        MultipartReply reply = type switch
        {
            MultipartType.Flow => FlowStatsReply.Read(ref body),
            MultipartType.Aggregate => new AggregateStatsReply(body.U64(), body.U64(), body.U32()),
            MultipartType.PortDesc => ReadPorts(ref body),
            MultipartType.Table => ReadTables(ref body),
            _ => new UnknownMultipartReply(type, ValueArray.Create(body.Rest)),
        };
        return reply with { More = more };
    }

    private static PortDescReply ReadPorts(ref SpanReader body)
    {
        if (body.Remaining % PortDesc.Size != 0)
        {
            throw new OfpDecodeException(OfpDecodeError.BadLength, $"port desc reply body of {body.Remaining} bytes");
        }

        var ports = new PortDesc[body.Remaining / PortDesc.Size];
        for (var i = 0; i < ports.Length; i++)
        {
            ports[i] = PortDesc.Read(ref body);
        }

        return new PortDescReply(ports);
    }

    private static TableStatsReply ReadTables(ref SpanReader body)
    {
        if (body.Remaining % TableStats.Size != 0)
        {
            throw new OfpDecodeException(OfpDecodeError.BadLength, $"table stats reply body of {body.Remaining} bytes");
        }

        var tables = new TableStats[body.Remaining / TableStats.Size];
        for (var i = 0; i < tables.Length; i++)
        {
            var id = body.U8();
            body.Skip(3);
            tables[i] = new TableStats(id, body.U32(), body.U64(), body.U64());
        }

        return new TableStatsReply(tables);
    }
}
