namespace Wyvern.Model;

/// <summary>Direction of a security group rule, seen from the port.</summary>
public enum RuleDirection
{
    /// <summary>Traffic to the port.</summary>
    Ingress,

    /// <summary>Traffic from the port.</summary>
    Egress,
}
