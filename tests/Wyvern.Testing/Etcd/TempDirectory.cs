using System.Security.Cryptography;

namespace Wyvern.Testing.Etcd;

/// <summary>A directory <c>/tmp/wy-&lt;hex&gt;</c>, unique per run, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine("/tmp", "wy-" + RandomNumberGenerator.GetHexString(8, lowercase: true));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a killed child may still be closing files; the name is unique, so leave it
        }
    }
}
