namespace Observatory.Tests.Support;

/// <summary>Files tests keep for people to look at (screenshots, PDFs): under TestResults/ at the repository's root.</summary>
public static class Artefacts
{
    public static string Directory(string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Observatory.sln")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(root?.FullName ?? Path.GetTempPath(), "TestResults", name);
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}
