using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Messages;
using Wyvern.OpenFlow.Tests.Vectors;

namespace Wyvern.OpenFlow.Tests;

[Trait("Layer", "Unit")]
public sealed class UnknownAndErrorNameTests
{
    [Fact]
    public void Decode_MultipathAction_IsATypedUnknownNiciraActionThatRoundTrips()
    {
        var bytes = OvsVectors.Find("multipath(");

        var flowMod = OfpMessageDecoder.Decode(bytes).ShouldBeOfType<FlowMod>();

        var unknown = flowMod.Instructions.OfType<ApplyActionsInstruction>().Single().Actions.Single().ShouldBeOfType<UnknownAction>();
        unknown.Type.ShouldBe((ushort)0xffff);
        unknown.Body.Span[..4].ToArray().ShouldBe(new byte[] { 0, 0, 0x23, 0x20 }); // NX vendor id, then subtype 10 (multipath)
        flowMod.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public void Decode_OnfTcpFlagsField_IsATypedUnknownFieldThatRoundTrips()
    {
        var bytes = OvsVectors.Find("tcp_flags=+syn");

        var flowMod = OfpMessageDecoder.Decode(bytes).ShouldBeOfType<FlowMod>();

        var unknown = flowMod.Match.Fields.ToArray().Single(f => f.IsUnknown);
        ((uint)unknown.Field >> 16).ShouldBe(0xffffu); // OFPXMC_EXPERIMENTER
        unknown.UnknownPayload[..4].ToArray().ShouldBe(new byte[] { 0x4f, 0x4e, 0x46, 0x00 }); // ONF
        flowMod.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public void Decode_UnknownExperimenterMessage_RoundTrips()
    {
        var message = new ExperimenterMessage(0x00abcdef, 7, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }) { Xid = 3 };

        var decoded = OfpMessageDecoder.Decode(message.ToArray());

        decoded.ShouldBe(message);
    }

    [Theory]
    [InlineData(0, 0, "OFPHFC_INCOMPATIBLE")]
    [InlineData(1, 13, "OFPBRC_MULTIPART_BUFFER_OVERFLOW")]
    [InlineData(2, 15, "OFPBAC_BAD_SET_ARGUMENT")]
    [InlineData(3, 8, "OFPBIC_EPERM")]
    [InlineData(4, 11, "OFPBMC_EPERM")]
    [InlineData(5, 7, "OFPFMFC_BAD_FLAGS")]
    [InlineData(6, 14, "OFPGMFC_EPERM")]
    [InlineData(7, 4, "OFPPMFC_EPERM")]
    [InlineData(8, 2, "OFPTMFC_EPERM")]
    [InlineData(9, 2, "OFPQOFC_EPERM")]
    [InlineData(10, 2, "OFPSCFC_EPERM")]
    [InlineData(11, 2, "OFPRRFC_BAD_ROLE")]
    [InlineData(12, 11, "OFPMMFC_OUT_OF_BANDS")]
    [InlineData(13, 5, "OFPTFFC_EPERM")]
    [InlineData(4, 99, "OFPET_BAD_MATCH(99)")]
    [InlineData(42, 1, "OFPET_42(1)")]
    public void ErrorNames_FollowTheSpec(ushort type, ushort code, string name) =>
        OfpErrorNames.Describe(type, code).ShouldBe(name);

    [Fact]
    public void ErrorNames_OnfBundleErrors_AreNamed()
    {
        OfpErrorNames.Describe(ErrorMessage.ExperimenterType, 2313, BundleControl.OnfExperimenterId).ShouldBe("ONFBFC_MSG_FAILED");
        OfpErrorNames.Describe(ErrorMessage.ExperimenterType, 5, 0x2320).ShouldBe("OFPET_EXPERIMENTER(0x00002320,5)");
    }
}
