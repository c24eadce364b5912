namespace Wyvern.OpenFlow.Tests;

/// <summary>Open vSwitch's own decoder (ovs-ofctl ofp-print) reads our encodings as the intended messages.</summary>
[Trait("Layer", "Ovs")]
public sealed class OfpPrintTests
{
    public static TheoryData<string> Names => [.. OfpPrintSamples.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void OvsOfpPrint_ReadsOurEncoding_AsIntended(string name)
    {
        var (_, message, expected) = OfpPrintSamples.All.Single(s => s.Name == name);

        var printed = OvsOfctl.OfpPrint(message.ToArray());

        printed.ShouldBe(expected.ReplaceLineEndings("\n"));
    }
}
