namespace Wyvern.Packets.Tests;

/// <summary>Reads the hex vectors in Vectors/ (comments start with '#', whitespace ignored).</summary>
internal static class Vectors
{
    public static byte[] Load(string name)
    {
        var text = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", name))
            .Where(l => !l.StartsWith('#'))
            .SelectMany(l => l.Where(char.IsAsciiHexDigit));
        return Convert.FromHexString(string.Concat(text));
    }
}
