using System.Net;

namespace Wyvern.Model.Tests;

[Trait("Layer", "Unit")]
public class ValueEqualityTests
{
    [Fact]
    public void Records_BuiltSeparatelyWithEqualCollections_AreEqualWithEqualHashes()
    {
        foreach (var (a, b) in SampleObjects.All().Zip(SampleObjects.All()))
        {
            ReferenceEquals(a, b).ShouldBeFalse();
            a.ShouldBe(b);
            a.GetHashCode().ShouldBe(b.GetHashCode());
        }
    }

    [Fact]
    public void Port_WithOneFixedIpChanged_IsNotEqual()
    {
        var port = SampleObjects.Port();
        var changed = port with { FixedIps = [new FixedIp("sub-4", IPAddress.Parse("10.0.0.6")), port.FixedIps[1]] };

        changed.ShouldNotBe(port);
    }

    [Fact]
    public void Router_WithNestedRouterPortChanged_IsNotEqual()
    {
        var router = SampleObjects.Router();
        var changed = router with { Ports = [router.Ports[0] with { Key = 44 }] };

        changed.ShouldNotBe(router);
    }

    [Fact]
    public void ValueList_DefaultAndEmpty_AreEqual()
    {
        default(ValueList<string>).ShouldBe(new ValueList<string>([]));
        default(ValueList<string>).Count.ShouldBe(0);
    }

    [Fact]
    public void ValueList_OrderMatters()
    {
        ValueList<int> a = [1, 2];
        ValueList<int> b = [2, 1];

        (a == b).ShouldBeFalse();
    }

    [Fact]
    public void ValueMap_InsertionOrderDoesNotMatter()
    {
        var a = new ValueMap([new("a", "1"), new("b", "2")]);
        var b = new ValueMap([new("b", "2"), new("a", "1")]);

        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.ShouldNotBe(a.SetItem("a", "3"));
    }

    [Theory]
    [InlineData("fa:16:3e:00:01:01", true)]
    [InlineData("FA-16-3E-00-01-01", true)]
    [InlineData("fa:16:3e:00:01", false)]
    [InlineData("fa:16:3e:00:01:0g", false)]
    [InlineData("fa:16:3e.00:01:01", false)]
    public void MacAddress_TryParse(string text, bool ok)
    {
        MacAddress.TryParse(text, out var mac).ShouldBe(ok);
        if (ok)
        {
            mac.ToString().ShouldBe(text.ToLowerInvariant().Replace('-', ':'));
        }
    }
}
