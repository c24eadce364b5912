using System.Text.Json;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Schema;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Tests.Unit;

[Trait("Layer", "Unit")]
public sealed class OvsdbSchemaTests
{
    [Fact]
    public void MinimalSchema_ParsesTypesDefaultsAndReferences()
    {
        using var json = JsonDocument.Parse(Fixtures.ScriptedOvsdbServer.BridgeSchema);
        var schema = OvsdbSchema.Parse(json.RootElement);
        schema.Name.ShouldBe("Open_vSwitch");
        var bridge = schema.Table("Bridge")!;
        bridge.IsRoot.ShouldBeTrue();
        bridge.Column("name")!.Type.IsScalar.ShouldBeTrue();
        bridge.Column("name")!.Type.DefaultValue.ShouldBe(OvsdbValue.Atom(""));
        bridge.Column("ports")!.Type.Key.RefTable.ShouldBe("Port");
        bridge.Column("ports")!.Type.Max.ShouldBe(OvsdbColumnType.Unlimited);
        bridge.Column("external_ids")!.Type.DefaultValue.ShouldBe(OvsdbValue.EmptyMap);
        bridge.Column("datapath_id")!.Type.DefaultValue.ShouldBe(OvsdbValue.EmptySet);
    }

    [Fact]
    public void InstalledVswitchSchema_Parses()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixtures.OvsProcesses.Schema));
        var schema = OvsdbSchema.Parse(json.RootElement);
        schema.Tables.Keys.ShouldContain("Interface");
        schema.Table("Interface")!.Column("ofport_request")!.Type.Key.Kind.ShouldBe(OvsdbAtomKind.Integer);
        schema.Table("Port")!.Column("interfaces")!.Type.Key.RefTable.ShouldBe("Interface");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"name\":\"x\"}")]
    [InlineData("{\"name\":\"x\",\"tables\":{\"T\":{}}}")]
    [InlineData("{\"name\":\"x\",\"tables\":{\"T\":{\"columns\":{\"c\":{}}}}}")]
    [InlineData("{\"name\":\"x\",\"tables\":{\"T\":{\"columns\":{\"c\":{\"type\":\"blob\"}}}}}")]
    [InlineData("{\"name\":\"x\",\"tables\":{\"T\":{\"columns\":{\"c\":{\"type\":{\"key\":\"string\",\"max\":\"lots\"}}}}}}")]
    public void MalformedSchema_IsAProtocolError(string json)
    {
        using var document = JsonDocument.Parse(json);
        Should.Throw<OvsdbProtocolException>(() => OvsdbSchema.Parse(document.RootElement));
    }
}
