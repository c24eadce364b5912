using System.Collections.Immutable;
using Wyvern.Ovsdb.Rows;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Tests.Unit;

[Trait("Layer", "Unit")]
public sealed class TypedRowTests
{
    private static readonly Guid Uuid = Guid.Parse("6f1d2c3b-4a59-4e8f-9d7c-0b1a2c3d4e5f");
    private static readonly Guid Other = Guid.Parse("7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d");

    private static OvsdbRow Row(params (string Column, OvsdbValue Value)[] columns) =>
        new(Uuid, columns.ToImmutableSortedDictionary(c => c.Column, c => c.Value, StringComparer.Ordinal));

    [Fact]
    public void Interface_ReadsOfportIfaceIdAndStates()
    {
        var iface = InterfaceRow.From(Row(
            ("name", "tap1"), ("type", ""), ("ofport", 7), ("admin_state", "up"), ("link_state", "down"),
            ("external_ids", OvsdbValue.StringMap([KeyValuePair.Create("iface-id", "p1")]))));
        iface.Ofport.ShouldBe(7);
        iface.HasOfport.ShouldBeTrue();
        iface.ExternalIds["iface-id"].ShouldBe("p1");
        (iface.AdminState, iface.LinkState).ShouldBe(("up", "down"));
    }

    [Fact]
    public void Interface_EmptyOrMinusOneOfport_IsNotReady()
    {
        InterfaceRow.From(Row(("name", "t"), ("ofport", OvsdbValue.EmptySet))).Ofport.ShouldBeNull();
        InterfaceRow.From(Row(("name", "t"), ("ofport", -1))).HasOfport.ShouldBeFalse();
    }

    [Fact]
    public void MissingColumns_ReadAsEmpty()
    {
        var bridge = BridgeRow.From(Row(("name", "br-int")));
        bridge.Ports.ShouldBeEmpty();
        bridge.FailMode.ShouldBeNull();
        bridge.ExternalIds.ShouldBeEmpty();
        ControllerRow.From(Row()).IsConnected.ShouldBeFalse();
        OpenVSwitchRow.From(Row()).Bridges.ShouldBeEmpty();
    }

    [Fact]
    public void ReferenceColumns_ReadAsUuids()
    {
        var port = PortRow.From(Row(("name", "p"), ("interfaces", OvsdbValue.UuidSet([Other, Uuid])), ("tag", 100)));
        port.Interfaces.ShouldBe([Uuid, Other], ignoreOrder: true);
        port.Tag.ShouldBe(100);
        BridgeRow.From(Row(("controller", OvsdbValue.UuidSet([Other])), ("protocols", OvsdbValue.Set("OpenFlow13"))))
            .Controllers.ShouldBe([Other]);
    }
}
