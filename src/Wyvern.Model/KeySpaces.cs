namespace Wyvern.Model;

/// <summary>Names of the key spaces for <see cref="IKeyed.Key"/>.</summary>
public static class KeySpaces
{
    /// <summary>Network keys (OpenFlow metadata, conntrack zone).</summary>
    public const string Network = "network";

    /// <summary>Logical port keys (reg6/reg7), shared by router ports and floating ports.</summary>
    public const string Port = "port";

    /// <summary>Router keys (reg5).</summary>
    public const string Router = "router";

    /// <summary>Security group keys (conjunction ids, remote-group matches).</summary>
    public const string SecurityGroup = "security_group";
}
