using System.Net;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Wyvern.Model.Json;

namespace Wyvern.Model.Tests;

/// <summary>JSON round trip and value equality over generated ports and security groups.</summary>
[Trait("Layer", "Unit")]
public class ModelJsonPropertyTests
{
    private static readonly Gen<string> Name = Gen.Elements("a", "b", "net-1", "port/x", "ünï", "\"q\"", "");

    private static readonly Gen<IPAddress> Address = Gen.OneOf(
        Gen.Choose(0, int.MaxValue).Select(i => new IPAddress((long)(uint)i)),
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16).Select(b => new IPAddress(b)));

    private static readonly Gen<IPNetwork> Prefix =
        Address.SelectMany(a => Gen.Choose(0, a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128),
            (a, length) => new IPNetwork(Mask(a, length), length));

    private static readonly Gen<MacAddress> Mac = ArbMap.Default.GeneratorFor<ulong>().Select(v => new MacAddress(v));

    private static readonly Gen<LogicalPort> Port =
        from id in Name
        from key in Gen.Choose(0, 1 << 20)
        from mac in Mac
        from ips in Gen.ListOf(Address.Select(a => new FixedIp("s", a)))
        from pairs in Gen.ListOf(Prefix.SelectMany(p => OrNull(Mac), (p, m) => new AllowedAddressPair(p, m)))
        from groups in Gen.ListOf(Name)
        from profile in Gen.ListOf(Name.SelectMany(_ => Name, (k, v) => new KeyValuePair<string, string>(k, v)))
        from remote in OrNullRef(Address)
        from enabled in ArbMap.Default.GeneratorFor<bool>()
        select new LogicalPort
        {
            Id = id,
            NetworkId = "n",
            Key = key,
            MacAddress = mac,
            FixedIps = [.. ips],
            AllowedAddressPairs = [.. pairs],
            SecurityGroupIds = [.. groups],
            BindingProfile = new ValueMap(profile.DistinctBy(kv => kv.Key)),
            Binding = remote is null ? null : PortBinding.Remote(remote),
            AdminStateUp = enabled,
        };

    private static readonly Gen<SecurityGroup> Group =
        from rules in Gen.ListOf(
            from direction in Gen.Elements(RuleDirection.Ingress, RuleDirection.Egress)
            from protocol in OrNull(Gen.Choose(0, 255))
            from min in OrNull(Gen.Choose(0, 65535))
            from prefix in OrNull(Prefix)
            select new SecurityGroupRule
            {
                Id = "r",
                Direction = direction,
                Protocol = protocol,
                PortRangeMin = min,
                RemoteIpPrefix = prefix,
            })
        select new SecurityGroup { Id = "sg", Rules = [.. rules] };

    [Fact]
    public void Port_RoundTrip_IsEqual() =>
        Prop.ForAll(Port.ToArbitrary(), port => RoundTrip(port) == port).QuickCheckThrowOnFailure();

    [Fact]
    public void SecurityGroup_RoundTrip_IsEqual() =>
        Prop.ForAll(Group.ToArbitrary(), group => RoundTrip(group) == group).QuickCheckThrowOnFailure();

    [Fact]
    public void Port_EqualityAndHash_FollowTheJson() =>
        Prop.ForAll(Port.ToArbitrary(), Port.ToArbitrary(), (a, b) =>
            (a == b) == (Json(a) == Json(b)) && (a != b || a.GetHashCode() == b.GetHashCode())).QuickCheckThrowOnFailure();

    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(Json(value), ModelJson.Options)!;

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ModelJson.Options);

    private static Gen<T?> OrNull<T>(Gen<T> gen) where T : struct =>
        Gen.OneOf(Gen.Constant<T?>(null), gen.Select(v => (T?)v));

    private static Gen<T?> OrNullRef<T>(Gen<T> gen) where T : class =>
        Gen.OneOf(Gen.Constant<T?>(null), gen.Select(v => (T?)v));

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(length - (8 * i), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
