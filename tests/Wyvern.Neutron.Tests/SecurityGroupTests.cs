using System.Net;
using Wyvern.Model;

namespace Wyvern.Neutron.Tests;

[Trait("Layer", "Unit")]
public sealed class SecurityGroupTests
{
    [Fact]
    public async Task FirstList_CreatesTheProjectDefaultGroup_WithNeutronsDefaultRules()
    {
        await using var host = await NeutronHost.StartAsync();
        var groups = (await host.GetAsync("/v2.0/security-groups")).Items("security_groups");
        var group = groups.Single();
        group["name"]!.GetValue<string>().ShouldBe("default");
        var rules = group["security_group_rules"]!.AsArray().Select(r => (
            Direction: r!["direction"]!.GetValue<string>(),
            EtherType: r["ethertype"]!.GetValue<string>(),
            Remote: r["remote_group_id"]?.GetValue<string>())).ToList();
        rules.ShouldBe(
        [
            ("egress", "IPv4", null), ("egress", "IPv6", null),
            ("ingress", "IPv4", NeutronHost.Id(group)), ("ingress", "IPv6", NeutronHost.Id(group)),
        ], ignoreOrder: true);
        (await host.GetAsync("/v2.0/security-groups")).Items("security_groups").Count.ShouldBe(1);
        (await host.GetAsync("/v2.0/security-groups", ("X-Project-Id", "other"), ("X-Roles", "member"))).Items("security_groups").Count.ShouldBe(1);
        (await host.Store.ListAsync<SecurityGroup>()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Create_GivesEgressRules_AndDefaultNameIsTaken()
    {
        await using var host = await NeutronHost.StartAsync();
        var group = await host.CreateAsync("security-groups", "security_group", "{\"name\": \"web\", \"description\": \"w\"}");
        group["security_group_rules"]!.AsArray().Select(r => r!["direction"]!.GetValue<string>()).ShouldBe(["egress", "egress"]);
        group["stateful"]!.GetValue<bool>().ShouldBeTrue();
        (await host.PostAsync("/v2.0/security-groups", "{\"security_group\": {\"name\": \"default\"}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "SecurityGroupDefaultAlreadyExists");
        var renamed = await host.PutAsync($"/v2.0/security-groups/{NeutronHost.Id(group)}", "{\"security_group\": {\"name\": \"web2\"}}");
        renamed.Body!["security_group"]!["name"]!.GetValue<string>().ShouldBe("web2");
    }

    [Fact]
    public async Task Rule_TcpPort_IsStoredAsProtocolNumber_AndShownByName()
    {
        await using var host = await NeutronHost.StartAsync();
        var group = NeutronHost.Id(await host.CreateAsync("security-groups", "security_group", "{\"name\": \"web\"}"));
        var rule = await host.CreateAsync("security-group-rules", "security_group_rule",
            $"{{\"security_group_id\": \"{group}\", \"direction\": \"ingress\", \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_ip_prefix\": \"0.0.0.0/0\"}}");
        rule["protocol"]!.GetValue<string>().ShouldBe("tcp");
        rule["ethertype"]!.GetValue<string>().ShouldBe("IPv4");
        rule["port_range_min"]!.GetValue<int>().ShouldBe(22);
        rule["remote_ip_prefix"]!.GetValue<string>().ShouldBe("0.0.0.0/0");
        rule["security_group_id"]!.GetValue<string>().ShouldBe(group);
        var stored = (await host.Store.GetAsync<SecurityGroup>(group))!.Rules.Single(r => r.Id == NeutronHost.Id(rule));
        stored.Protocol.ShouldBe(6);
        stored.RemoteIpPrefix.ShouldBe(IPNetwork.Parse("0.0.0.0/0"));
        (await host.GetAsync($"/v2.0/security-group-rules/{NeutronHost.Id(rule)}")).Body!["security_group_rule"]!["port_range_max"]!.GetValue<int>().ShouldBe(22);
        (await host.PostAsync("/v2.0/security-group-rules",
            $"{{\"security_group_rule\": {{\"security_group_id\": \"{group}\", \"direction\": \"ingress\", \"protocol\": \"6\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_ip_prefix\": \"0.0.0.0/0\"}}}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "SecurityGroupRuleExists");
        (await host.DeleteAsync($"/v2.0/security-group-rules/{NeutronHost.Id(rule)}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await host.GetAsync($"/v2.0/security-group-rules/{NeutronHost.Id(rule)}")).ShouldBeError(HttpStatusCode.NotFound, "SecurityGroupRuleNotFound");
    }

    [Theory]
    [InlineData("\"direction\": \"sideways\"", "HTTPBadRequest")]
    [InlineData("\"direction\": \"ingress\", \"ethertype\": \"IPv5\"", "HTTPBadRequest")]
    [InlineData("\"direction\": \"ingress\", \"protocol\": \"bogus\"", "SecurityGroupRuleInvalidProtocol")]
    [InlineData("\"direction\": \"ingress\", \"port_range_min\": 22", "SecurityGroupProtocolRequiredWithPorts")]
    [InlineData("\"direction\": \"ingress\", \"protocol\": \"tcp\", \"port_range_min\": 90, \"port_range_max\": 80", "SecurityGroupInvalidPortRange")]
    [InlineData("\"direction\": \"ingress\", \"protocol\": \"udp\", \"port_range_min\": 0, \"port_range_max\": 70000", "SecurityGroupInvalidPortValue")]
    [InlineData("\"direction\": \"ingress\", \"protocol\": \"icmp\", \"port_range_min\": 300", "SecurityGroupInvalidIcmpValue")]
    [InlineData("\"direction\": \"ingress\", \"remote_ip_prefix\": \"10.0.0.0/8\", \"remote_group_id\": \"x\"", "HTTPBadRequest")]
    [InlineData("\"direction\": \"ingress\", \"ethertype\": \"IPv6\", \"remote_ip_prefix\": \"10.0.0.0/8\"", "HTTPBadRequest")]
    [InlineData("\"direction\": \"ingress\", \"remote_ip_prefix\": \"10.0.0.0/99\"", "HTTPBadRequest")]
    public async Task BadRule_Is400_AndNothingWritten(string attributes, string type)
    {
        await using var host = await NeutronHost.StartAsync();
        var group = NeutronHost.Id(await host.CreateAsync("security-groups", "security_group", "{\"name\": \"web\"}"));
        var version = (await host.Store.GetAsync<SecurityGroup>(group))!.Version;
        (await host.PostAsync("/v2.0/security-group-rules", $"{{\"security_group_rule\": {{\"security_group_id\": \"{group}\", {attributes}}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, type);
        (await host.Store.GetAsync<SecurityGroup>(group))!.Version.ShouldBe(version);
    }

    [Fact]
    public async Task IcmpOnIpv6_BecomesIpv6Icmp_AndRemoteGroupMustExist()
    {
        await using var host = await NeutronHost.StartAsync();
        var group = NeutronHost.Id(await host.CreateAsync("security-groups", "security_group", "{\"name\": \"web\"}"));
        var rule = await host.CreateAsync("security-group-rules", "security_group_rule",
            $"{{\"security_group_id\": \"{group}\", \"direction\": \"ingress\", \"ethertype\": \"IPv6\", \"protocol\": \"icmp\", \"port_range_min\": 128, \"port_range_max\": 0}}");
        rule["protocol"]!.GetValue<string>().ShouldBe("ipv6-icmp");
        (await host.PostAsync("/v2.0/security-group-rules", $"{{\"security_group_rule\": {{\"security_group_id\": \"{group}\", \"direction\": \"ingress\", \"remote_group_id\": \"missing\"}}}}"))
            .ShouldBeError(HttpStatusCode.NotFound, "SecurityGroupNotFound");
        (await host.PostAsync("/v2.0/security-group-rules", "{\"security_group_rule\": {\"security_group_id\": \"missing\", \"direction\": \"ingress\"}}"))
            .ShouldBeError(HttpStatusCode.NotFound, "SecurityGroupNotFound");
    }

    [Fact]
    public async Task Delete_InUse_Is409_DefaultByMember_Is409_AndRemoteRulesGoWithIt()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var web = NeutronHost.Id(await host.CreateAsync("security-groups", "security_group", "{\"name\": \"web\"}"));
        var db = NeutronHost.Id(await host.CreateAsync("security-groups", "security_group", "{\"name\": \"db\"}"));
        await host.CreateAsync("security-group-rules", "security_group_rule", $"{{\"security_group_id\": \"{db}\", \"direction\": \"ingress\", \"remote_group_id\": \"{web}\"}}");
        var port = NeutronHost.Id(await host.PortAsync(net, $", \"security_groups\": [\"{web}\"]"));
        (await host.DeleteAsync($"/v2.0/security-groups/{web}")).ShouldBeError(HttpStatusCode.Conflict, "SecurityGroupInUse");
        await host.DeleteAsync($"/v2.0/ports/{port}");
        (await host.DeleteAsync($"/v2.0/security-groups/{web}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await host.Store.GetAsync<SecurityGroup>(db))!.Rules.ShouldNotContain(r => r.RemoteGroupId == web);
        var member = (await host.GetAsync("/v2.0/security-groups?name=default", ("X-Project-Id", "p1"), ("X-Roles", "member"))).Items("security_groups").Single();
        (await host.DeleteAsync($"/v2.0/security-groups/{NeutronHost.Id(member)}", ("X-Project-Id", "p1"), ("X-Roles", "member")))
            .ShouldBeError(HttpStatusCode.Conflict, "SecurityGroupCannotRemoveDefault");
    }

    [Fact]
    public async Task ConcurrentFirstUses_CreateOneDefaultGroup()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync("shared", ", \"shared\": true"));
        var member = new[] { ("X-Project-Id", "newcomer"), ("X-Roles", "member") };
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => i % 2 == 0
            ? host.GetAsync("/v2.0/security-groups", member)
            : host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\"}}}}", member)));
        (await host.Store.ListAsync<SecurityGroup>("newcomer")).Count(g => g.Name == "default").ShouldBe(1);
    }
}
