using System.Text.Json;
using Wyvern.Model.Json;

namespace Wyvern.Model.Tests;

[Trait("Layer", "Unit")]
public class ModelJsonTests
{
    public static TheoryData<string> Tables() => [.. NbTables.All];

    [Theory]
    [MemberData(nameof(Tables))]
    public void RoundTrip_FullyPopulatedObject_IsEqual(string table)
    {
        var original = SampleObjects.All().Single(o => o.Table == table);
        var type = NbTables.TypeOf(table)!;

        var json = JsonSerializer.Serialize(original, type, ModelJson.Options);
        var back = (NbObject?)JsonSerializer.Deserialize(json, type, ModelJson.Options);

        back.ShouldBe(original);
        JsonSerializer.Serialize(back, type, ModelJson.Options).ShouldBe(json);
    }

    [Fact]
    public void Serialize_Port_UsesNeutronStyleNamesAndTextualAddresses()
    {
        var json = JsonSerializer.Serialize(SampleObjects.Port(), ModelJson.Options);

        json.ShouldContain("\"network_id\":\"net-1\"");
        json.ShouldContain("\"mac_address\":\"fa:16:3e:00:01:01\"");
        json.ShouldContain("{\"subnet_id\":\"sub-4\",\"ip_address\":\"10.0.0.5\"}");
        json.ShouldContain("\"ip_prefix\":\"10.1.0.0/24\"");
        json.ShouldContain("\"status\":\"active\"");
        json.ShouldContain("\"remote_vtep_ip\":\"172.31.0.9\"");
        json.ShouldNotContain("\"table\"");
    }

    [Fact]
    public void Serialize_SecurityGroupRule_WritesNeutronEthertype()
    {
        var json = JsonSerializer.Serialize(SampleObjects.SecurityGroup(), ModelJson.Options);

        json.ShouldContain("\"ether_type\":\"IPv6\"");
        json.ShouldContain("\"direction\":\"ingress\"");
    }

    [Fact]
    public void Deserialize_MissingCollections_AreEmpty()
    {
        var port = JsonSerializer.Deserialize<LogicalPort>(
            """{"id":"p","network_id":"n","mac_address":"fa:16:3e:00:00:01"}""", ModelJson.Options)!;

        port.FixedIps.Count.ShouldBe(0);
        port.BindingProfile.Count.ShouldBe(0);
        port.ShouldBe(new LogicalPort { Id = "p", NetworkId = "n", MacAddress = MacAddress.Parse("fa:16:3e:00:00:01") });
    }

    [Fact]
    public void Deserialize_BadMac_ThrowsJsonException()
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<LogicalPort>(
            """{"id":"p","network_id":"n","mac_address":"fa:16:3e:00:00"}""", ModelJson.Options));
    }

    [Fact]
    public void Deserialize_MissingRequiredField_ThrowsJsonException()
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<LogicalPort>(
            """{"id":"p","mac_address":"fa:16:3e:00:00:01"}""", ModelJson.Options));
    }
}
