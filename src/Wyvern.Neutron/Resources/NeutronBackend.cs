using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Ipam;
using Wyvern.Northbound;

namespace Wyvern.Neutron.Resources;

/// <summary>
/// What every resource handler shares: the store, the options, the clock, MAC generation, and the
/// lookups that answer 404 for objects the caller may not see (Neutron hides other projects' objects).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Lives as long as the application; a semaphore without a wait handle holds nothing to release.")]
internal sealed class NeutronBackend(INbStore store, NeutronOptions options, TimeProvider time, Random random)
{
    private readonly MacGenerator _macs = new(options.BaseMac, random);
    private readonly SemaphoreSlim _defaultGroupLock = new(1, 1);

    public INbStore Store { get; } = store;

    public NeutronOptions Options { get; } = options;

    public DateTimeOffset Now => TruncateToSeconds(time.GetUtcNow());

    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>A generated MAC unique among <paramref name="ports"/>.</summary>
    public MacAddress NewMac(IReadOnlyList<LogicalPort> ports)
    {
        var inUse = ports.Select(p => p.MacAddress).ToHashSet();
        return _macs.Next(inUse.Contains)
            ?? throw NeutronErrors.Conflict("MacAddressGenerationFailure", "Unable to generate unique mac");
    }

    public async Task<LogicalSwitch> NetworkAsync(RequestContext context, string id, CancellationToken ct)
    {
        var network = await Store.GetAsync<LogicalSwitch>(id, ct);
        return network is not null && (context.Owns(network.ProjectId) || network.Shared || network.External)
            ? network
            : throw NeutronErrors.NetworkNotFound(id);
    }

    public async Task<Subnet> SubnetAsync(RequestContext context, string id, CancellationToken ct)
    {
        var subnet = await Store.GetAsync<Subnet>(id, ct);
        if (subnet is not null && !context.Owns(subnet.ProjectId))
        {
            var network = await Store.GetAsync<LogicalSwitch>(subnet.NetworkId, ct);
            subnet = network is not null && (network.Shared || network.External) ? subnet : null;
        }
        return subnet ?? throw NeutronErrors.SubnetNotFound(id);
    }

    public async Task<LogicalPort> PortAsync(RequestContext context, string id, CancellationToken ct)
    {
        var port = await Store.GetAsync<LogicalPort>(id, ct);
        return port is not null && context.Owns(port.ProjectId) ? port : throw NeutronErrors.PortNotFound(id);
    }

    public async Task<LogicalRouter> RouterAsync(RequestContext context, string id, CancellationToken ct)
    {
        var router = await Store.GetAsync<LogicalRouter>(id, ct);
        return router is not null && context.Owns(router.ProjectId) ? router : throw NeutronErrors.RouterNotFound(id);
    }

    public async Task<SecurityGroup> SecurityGroupAsync(RequestContext context, string id, CancellationToken ct)
    {
        var group = await Store.GetAsync<SecurityGroup>(id, ct);
        return group is not null && context.Owns(group.ProjectId) ? group : throw NeutronErrors.SecurityGroupNotFound(id);
    }

    /// <summary>
    /// A new port for a network device (router interface or gateway, floating IP), not yet stored:
    /// generated MAC, fixed IPs from <paramref name="requested"/> (null: the default allocation), a port key;
    /// the addresses of <paramref name="replacingPortId"/> (deleted in the same transaction) count as free.
    /// </summary>
    public async Task<LogicalPort> NewDevicePortAsync(
        string networkId, string deviceOwner, string deviceId, string projectId,
        IReadOnlyList<FixedIpRequest>? requested, CancellationToken ct, string? replacingPortId = null)
    {
        var ports = await Store.ListAsync<LogicalPort>(cancellationToken: ct);
        var subnets = (await Store.ListAsync<Subnet>(cancellationToken: ct)).Where(s => s.NetworkId == networkId).ToList();
        var mac = NewMac(ports);
        var now = Now;
        return new LogicalPort
        {
            Id = NewId(),
            Key = await Store.AllocateKeyAsync(KeySpaces.Port, ct),
            ProjectId = projectId,
            NetworkId = networkId,
            MacAddress = mac,
            FixedIps = new PortAllocator(subnets, ports, replacingPortId).Allocate(networkId, requested, mac),
            DeviceOwner = deviceOwner,
            DeviceId = deviceId,
            PortSecurityEnabled = false,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The project's <c>default</c> security group, created with Neutron's default rules on first use.</summary>
    public async Task<SecurityGroup> EnsureDefaultSecurityGroupAsync(string projectId, CancellationToken ct)
    {
        // Lists call this outside the write gate: one at a time, so a project never gets two default groups.
        await _defaultGroupLock.WaitAsync(ct);
        try
        {
            return await EnsureDefaultSecurityGroupLockedAsync(projectId, ct);
        }
        finally
        {
            _defaultGroupLock.Release();
        }
    }

    private async Task<SecurityGroup> EnsureDefaultSecurityGroupLockedAsync(string projectId, CancellationToken ct)
    {
        var groups = await Store.ListAsync<SecurityGroup>(projectId, ct);
        var existing = groups.FirstOrDefault(g => g.Name == "default" && g.ProjectId == projectId);
        if (existing is not null)
        {
            return existing;
        }
        var id = NewId();
        var now = Now;
        SecurityGroupRule Rule(RuleDirection direction, EtherType etherType, string? remoteGroup) => new()
        {
            Id = NewId(),
            Direction = direction,
            EtherType = etherType,
            RemoteGroupId = remoteGroup,
            ProjectId = projectId,
            CreatedAt = now,
        };
        var group = new SecurityGroup
        {
            Id = id,
            Key = await Store.AllocateKeyAsync(KeySpaces.SecurityGroup, ct),
            Name = "default",
            Description = "Default security group",
            ProjectId = projectId,
            CreatedAt = now,
            UpdatedAt = now,
            // Neutron's defaults: all egress; ingress only from members of the same group.
            Rules =
            [
                Rule(RuleDirection.Egress, EtherType.IPv4, null),
                Rule(RuleDirection.Egress, EtherType.IPv6, null),
                Rule(RuleDirection.Ingress, EtherType.IPv4, id),
                Rule(RuleDirection.Ingress, EtherType.IPv6, id),
            ],
        };
        return await Store.CreateAsync(group, cancellationToken: ct);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset at) =>
        new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);
}
