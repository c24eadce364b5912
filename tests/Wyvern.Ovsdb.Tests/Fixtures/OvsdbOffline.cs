namespace Wyvern.Ovsdb.Tests.Fixtures;

/// <summary>Changes a database file while no server runs on it (<c>ovsdb-tool transact</c>).</summary>
internal static class OvsdbOffline
{
    public static string Transact(string dbPath, string transaction) =>
        OvsProcesses.Run(OvsProcesses.Require("ovsdb-tool"), "transact", dbPath, transaction);
}
