namespace Wyvern.Testing;

/// <summary>Reads hex vectors copied next to the test binaries ('#' starts a comment; whitespace is ignored).</summary>
public static class HexVectors
{
    /// <summary>The bytes of <c>Vectors/<paramref name="name"/></c> in the test's output directory.</summary>
    public static byte[] Load(string name) => Convert.FromHexString(string.Concat(
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", name))
            .Where(l => !l.StartsWith('#'))
            .SelectMany(l => l.Where(char.IsAsciiHexDigit))));
}
