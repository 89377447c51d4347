using Observatory.Tests.Feed;

namespace Observatory.Tests.Templates;

/// <summary>
/// The committed output of 'observatory templates --out powerbi-templates': a Power BI project (PBIP with a TMDL
/// semantic model and a PBIR report) and Excel connection files. The tests read what users download, not a fresh run.
/// </summary>
public static class CommittedTemplates
{
    public static readonly string Root = Path.Combine(ReportReproductionTests.RepositoryRoot(), "powerbi-templates");

    /// <summary>Every file, for checks that hold for all of them (encoding).</summary>
    public static IReadOnlyList<string> All() => Existing(Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories));

    /// <summary>
    /// The project's JSON files, each naming its schema: *.pbip, *.pbir, *.pbism, .platform, and definition/**/*.json
    /// of the report and the semantic model.
    /// </summary>
    public static IReadOnlyList<string> ProjectJson() => Existing(
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Where(path =>
            Path.GetExtension(path) is ".pbip" or ".pbir" or ".pbism"
            || Path.GetFileName(path) == ".platform"
            || (Path.GetExtension(path) == ".json" && Relative(path).Split('/').Contains("definition"))));

    /// <summary>The semantic model's TMDL: expressions.tmdl and tables/*.tmdl (and any other).</summary>
    public static IReadOnlyList<string> Tmdl() => Existing(Directory.EnumerateFiles(Root, "*.tmdl", SearchOption.AllDirectories));

    public static IReadOnlyList<string> Odc() => Existing(Directory.EnumerateFiles(Root, "*.odc", SearchOption.AllDirectories));

    public static IReadOnlyList<string> PowerQuery() => Existing(Directory.EnumerateFiles(Root, "*.pq", SearchOption.AllDirectories));

    /// <summary>A path below the templates' root with forward slashes, for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Sorted, and never empty: a check over no files would pass without checking anything.</summary>
    private static IReadOnlyList<string> Existing(IEnumerable<string> files)
    {
        var found = files.Order(StringComparer.Ordinal).ToList();
        Assert.True(found.Count > 0, $"No such files under {Root}: run 'observatory templates --out powerbi-templates'.");
        return found;
    }
}
