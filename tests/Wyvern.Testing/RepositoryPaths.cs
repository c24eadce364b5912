namespace Wyvern.Testing;

/// <summary>Where the repository is, for tests that check committed files or run its scripts.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory holding Wyvern.slnx, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wyvern.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (Wyvern.slnx) not found above " + AppContext.BaseDirectory);
    }
}
