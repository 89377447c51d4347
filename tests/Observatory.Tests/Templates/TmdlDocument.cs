using Observatory.Tests.Feed;

namespace Observatory.Tests.Templates;

/// <summary>One .tmdl file of a semantic model's definition folder, by its path inside that folder.</summary>
public sealed record TmdlFile(string Path, IReadOnlyList<TmdlObject> Objects);

/// <summary>
/// A semantic model's definition as TMDL: every file of its <c>definition</c> folder (database.tmdl, model.tmdl,
/// relationships.tmdl, expressions.tmdl, tables/*.tmdl, roles/*.tmdl), read into objects.
/// </summary>
public sealed class TmdlDocument(IReadOnlyList<TmdlFile> files)
{
    /// <summary>The definition folder of the committed Power BI template.</summary>
    public static string CommittedFolder => Path.Combine(ReportReproductionTests.RepositoryRoot(),
        "powerbi-templates", "Observatory.SemanticModel", "definition");

    public IReadOnlyList<TmdlFile> Files { get; } = files;

    /// <summary>The objects at the top level of each file, <c>ref</c> lines included.</summary>
    public IEnumerable<TmdlObject> Roots => Files.SelectMany(f => f.Objects);

    public IEnumerable<TmdlObject> AllObjects => Roots.SelectMany(r => r.DescendantsAndSelf());

    public IEnumerable<TmdlObject> Tables => Roots.Where(o => o is { Type: "table", IsReference: false });

    public IEnumerable<TmdlObject> Measures => Tables.SelectMany(t => t.ChildrenOfType("measure"));

    public IEnumerable<TmdlObject> Relationships => Roots.Where(o => o.Type == "relationship");

    public IEnumerable<TmdlObject> Roles => Roots.Where(o => o.Type == "role");

    public IEnumerable<TmdlObject> Expressions => Roots.Where(o => o.Type == "expression");

    public TmdlObject? Table(string name) => Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every .tmdl file under <paramref name="folder"/>; a file that is not TMDL throws with its line.</summary>
    public static TmdlDocument Load(string folder) => !Directory.Exists(folder)
        ? throw new DirectoryNotFoundException($"No semantic model definition at {folder}: generate it with `observatory templates --out powerbi-templates`.")
        : Parse(Directory.EnumerateFiles(folder, "*.tmdl", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText));

    /// <param name="files">Text by path (e.g. <c>tables/Referrals.tmdl</c>).</param>
    public static TmdlDocument Parse(IReadOnlyDictionary<string, string> files) =>
        new([.. files.Select(f => new TmdlFile(f.Key, TmdlReader.Parse(f.Value, f.Key)))]);
}
