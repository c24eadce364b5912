namespace Wyvern.Ovsdb.Schema;

/// <summary>RFC 7047 §3.2 <c>&lt;column-schema&gt;</c>.</summary>
public sealed record OvsdbColumnSchema(string Name, OvsdbColumnType Type, bool Ephemeral, bool Mutable);
