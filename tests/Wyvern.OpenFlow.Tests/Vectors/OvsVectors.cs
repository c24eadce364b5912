namespace Wyvern.OpenFlow.Tests.Vectors;

/// <summary>Messages encoded by ovs-ofctl itself (see capture-vectors.py), loaded from ovs-ofctl.vectors.</summary>
public static class OvsVectors
{
    private static readonly Lazy<IReadOnlyList<(string Label, byte[] Bytes)>> All = new(Load);

    public static IReadOnlyList<(string Label, byte[] Bytes)> Messages => All.Value;

    /// <summary>xunit member data: the index of every vector (labels are long and repeat).</summary>
    public static TheoryData<int> Indexes
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 0; i < Messages.Count; i++)
            {
                data.Add(i);
            }

            return data;
        }
    }

    /// <summary>A copy of the first vector whose ovs-ofctl arguments contain <paramref name="labelPart"/> (callers may mutate it).</summary>
    public static byte[] Find(string labelPart) =>
        (byte[])Messages.First(v => v.Label.Contains(labelPart, StringComparison.Ordinal)).Bytes.Clone();

    /// <summary>All vectors whose arguments contain <paramref name="labelPart"/>, in capture order.</summary>
    public static byte[][] FindAll(string labelPart) =>
        Messages.Where(v => v.Label.Contains(labelPart, StringComparison.Ordinal)).Select(v => (byte[])v.Bytes.Clone()).ToArray();

    private static List<(string, byte[])> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "ovs-ofctl.vectors");
        return File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], Convert.FromHexString(parts[1])))
            .ToList();
    }
}
