using System.Net;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Tests;

[Trait("Layer", "Unit")]
public sealed class MatchTests
{
    private static readonly MatchField Reg6 = MatchField.Reg(6, 5);
    private static readonly MatchField Ip = MatchField.EthType(0x0800);
    private static readonly MatchField Dst = MatchField.Ipv4Dst(IPAddress.Parse("10.0.0.1"));

    [Fact]
    public void MatchField_Is32Bytes_SoTheSetFieldActionsOfADesiredTableStaySmall() =>
        System.Runtime.CompilerServices.Unsafe.SizeOf<MatchField>().ShouldBe(32);

    [Fact]
    public void MaskedFields_KeepTheirMask_ExactFieldsReadAFullMask_UnknownFieldsNone()
    {
        var prefix = MatchField.Create(OxmField.Ipv4Dst, 0x0a000001, 0xffffff00);
        var otherPrefix = MatchField.Create(OxmField.Ipv4Dst, 0x0a000101, 0xffffff00);
        var exact = MatchField.Create(OxmField.Ipv4Dst, 0x0a000001);
        var unknown = MatchField.Unknown(0xffff_0108, [1, 2, 3, 4, 5, 6, 7, 8]);

        (prefix.HasMask, prefix.Mask, prefix.Value).ShouldBe((true, (UInt128)0xffffff00, (UInt128)0x0a000000));
        (otherPrefix.Mask == prefix.Mask).ShouldBeTrue();
        (exact.HasMask, exact.Mask).ShouldBe((false, (UInt128)0xffffffff));
        prefix.ShouldNotBe(exact);
        prefix.ShouldBe(MatchField.Create(OxmField.Ipv4Dst, 0x0a0000ff, 0xffffff00));
        (unknown.IsUnknown, unknown.Mask, unknown.UnknownPayload.Length).ShouldBe((true, UInt128.Zero, 8));
        MatchField.Create(OxmField.Ipv6Dst, UInt128.MaxValue, UInt128.MaxValue << 64).Mask.ShouldBe(UInt128.MaxValue << 64);
    }

    [Fact]
    public void Create_SortsIntoOvsOrder()
    {
        var match = Match.Create(Reg6, Dst, Ip, MatchField.InPort(3), MatchField.Metadata(7));

        match.ToString().ShouldBe("in_port=0x3,eth_type=0x800,ipv4_dst=0xa000001,reg6=0x5,metadata=0x7");
    }

    [Fact]
    public void Matches_WithSameFieldsInAnyOrder_AreEqualAndHashAlike()
    {
        var a = Match.Create(Reg6, Ip, Dst);
        var b = Match.Create(Dst, Reg6, Ip);

        a.ShouldBe(b);
        (a == b).ShouldBeTrue();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        new HashSet<Match> { a, b }.Count.ShouldBe(1);
    }

    [Fact]
    public void Matches_DifferingInMaskOnly_AreNotEqual()
    {
        var exact = Match.Create(MatchField.Reg(6, 5));
        var masked = Match.Create(MatchField.Reg(6, 5, 0xff));

        exact.ShouldNotBe(masked);
    }

    [Fact]
    public void Create_FullMask_IsTheExactForm()
    {
        MatchField.Reg(6, 5, 0xffff_ffff).ShouldBe(MatchField.Reg(6, 5));
        MatchField.Ipv4Dst(IPAddress.Parse("10.0.0.1"), 32).HasMask.ShouldBeFalse();
    }

    [Fact]
    public void Create_MaskedValue_DropsBitsOutsideTheMask()
    {
        MatchField.Ipv4Src(IPAddress.Parse("10.0.0.77"), 24).ShouldBe(MatchField.Ipv4Src(IPAddress.Parse("10.0.0.0"), 24));
    }

    [Fact]
    public void Create_SameFieldTwice_Throws()
    {
        Should.Throw<ArgumentException>(() => Match.Create(Reg6, MatchField.Reg(6, 7)));
    }

    [Fact]
    public void With_ReplacesAndWithout_Removes()
    {
        var match = Match.Create(Reg6, Ip);

        match.With(MatchField.Reg(6, 9)).ShouldBe(Match.Create(Ip, MatchField.Reg(6, 9)));
        match.Without(OxmField.Reg6).ShouldBe(Match.Create(Ip));
        match.TryGet(OxmField.Reg6, out var reg).ShouldBeTrue();
        reg.Value.ShouldBe((UInt128)5);
        match.Contains(OxmField.Ipv4Dst).ShouldBeFalse();
    }

    [Fact]
    public void Any_IsEmptyAndEqualToEmptyCreate()
    {
        Match.Any.Count.ShouldBe(0);
        Match.Create().ShouldBe(Match.Any);
        Match.Any.EncodedLength.ShouldBe(8);
    }

    [Fact]
    public void Create_ValueWiderThanField_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => MatchField.Create(OxmField.CtZone, 0x1_0000));
    }

    [Fact]
    public void Fields_DecodeFromTheHeldTlvs_AndTryGetFindsEachKind()
    {
        // The match keeps only its wire TLVs: every kind of field must come back as it went in.
        var prefix = MatchField.Ipv4Dst(IPAddress.Parse("10.1.2.0"), 24);
        var v6 = MatchField.Create(OxmField.Ipv6Src, UInt128.MaxValue - 7);
        var unknown = MatchField.Unknown(0xffff_0108, [1, 2, 3, 4, 5, 6, 7, 8]);
        var fields = new[] { Reg6, Ip, prefix, v6, unknown, MatchField.InPort(3) };

        var match = Match.Create(fields);

        match.Count.ShouldBe(6);
        match.Fields.ToArray().ShouldBe(fields, ignoreOrder: true);
        foreach (var field in fields.Where(f => !f.IsUnknown))
        {
            match.TryGet(field.Field, out var found).ShouldBeTrue();
            found.ShouldBe(field);
        }

        match.TryGet(unknown.Field, out var raw).ShouldBeTrue();
        raw.UnknownPayload.ToArray().ShouldBe([1, 2, 3, 4, 5, 6, 7, 8]);
        match.TryGet(OxmField.Metadata, out _).ShouldBeFalse();
        match.UnpaddedLength.ShouldBe(4 + fields.Sum(f => f.EncodedLength));
    }

    [Fact]
    public void Create_AllZeroMask_LeavesTheFieldOut_AsOpenVSwitchDoes()
    {
        // ipv4_src=0.0.0.0/0 matches every packet; Open vSwitch keeps and dumps the flow without it.
        var anySource = MatchField.Ipv4Src(IPAddress.Any, 0);

        anySource.IsWildcard.ShouldBeTrue();
        Match.Create(Ip, anySource).ShouldBe(Match.Create(Ip));
        Match.Create(anySource).ShouldBe(Match.Any);
        MatchField.Ipv4Src(IPAddress.Any, 1).IsWildcard.ShouldBeFalse();
        Dst.IsWildcard.ShouldBeFalse();
    }
}
