using System.Buffers;
using BenchmarkDotNet.Attributes;
using Wyvern.OpenFlow.Framing;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Benchmarks;

/// <summary>Encode and decode of one typical pipeline flow mod; Match hashing.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly FlowMod _flowMod = TypicalFlows.Pipeline(42);
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private readonly OfpFrameReader _frames = new();
    private byte[] _encoded = [];
    private Match _match;
    private Match _sameMatch;

    [GlobalSetup]
    public void Setup()
    {
        _encoded = _flowMod.ToArray();
        _match = _flowMod.Match;
        _sameMatch = TypicalFlows.Pipeline(42).Match;
    }

    [Benchmark]
    public int EncodeFlowMod()
    {
        _output.ResetWrittenCount();
        _flowMod.Encode(_output, 7);
        return _output.WrittenCount;
    }

    [Benchmark]
    public OfpMessage DecodeFlowMod() => OfpMessageDecoder.Decode(_encoded);

    [Benchmark]
    public int FrameFlowMod()
    {
        var sequence = new ReadOnlySequence<byte>(_encoded);
        _frames.TryRead(ref sequence, out var frame, out _, out _);
        return (int)frame.Length;
    }

    [Benchmark]
    public bool MatchEqualsAndHash() => _match.GetHashCode() == _sameMatch.GetHashCode() && _match.Equals(_sameMatch);
}
