using System.Text;

namespace Observatory.Tests.Templates;

/// <summary>The committed semantic model against Microsoft's TMDL catalogue, and the checker against broken samples.</summary>
public class TmdlStructureTests
{
    private static readonly TmdlStructureChecker Checker = new(TmdlCatalogue.Load());

    private static Dictionary<string, byte[]> Bytes(Dictionary<string, string> files) =>
        files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value));

    [Fact]
    public void TheCommittedModelHasOnlyObjectsPropertiesAndValuesTheCatalogueKnows()
    {
        var folder = TmdlDocument.CommittedFolder;
        Assert.True(Directory.Exists(folder), $"No semantic model at {folder}");
        var files = Directory.EnumerateFiles(folder, "*.tmdl", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes);

        var problems = Checker.Check(files);

        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(40)));
    }

    [Fact]
    public void TheCommittedModelKeepsOneTableToAFileNamedAsItsEntitySet()
    {
        var document = TmdlDocument.Load(TmdlDocument.CommittedFolder);

        Assert.Equal(["database.tmdl", "expressions.tmdl", "model.tmdl", "relationships.tmdl"],
            document.Files.Select(f => f.Path).Where(p => !p.Contains('/', StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var file in document.Files.Where(f => f.Path.StartsWith("tables/", StringComparison.Ordinal)))
        {
            Assert.Equal([Path.GetFileNameWithoutExtension(file.Path)], file.Objects.Select(o => $"{o.Name}"));
            Assert.Equal("table", file.Objects.Single().Type);
        }

        foreach (var table in (string[])["Referrals", "Dates", "Ethnicities", "Population", "IndicatorValues"])
        {
            Assert.NotNull(document.Table(table));
        }

        Assert.NotEmpty(document.Roles);
        Assert.All(document.Files.Where(f => f.Path.StartsWith("roles/", StringComparison.Ordinal)), f => Assert.Equal("role", f.Objects.Single().Type));
    }

    [Fact]
    public void TheSampleModelPasses() => Assert.Empty(Checker.Check(Bytes(TmdlSamples.Model())));

    [Fact]
    public void ABrokenModelFailsWithTheFileAndLineOfEachFault()
    {
        var files = TmdlSamples.Model();
        // Indented with spaces; a property columns do not have; a measure inside a column; an enum value unknown.
        Replace(files, "tables/Dates.tmdl", "\t\tdataType: int64", "\t  dataType: int64");
        Replace(files, "tables/Services.tmdl", "\t\tsummarizeBy: none", "\t\tsummariseBy: none");
        Replace(files, "tables/AgeBands.tmdl", "\t\tsummarizeBy: none\n", "\t\tsummarizeBy: none\n\t\tmeasure Children = 1\n");
        Replace(files, "tables/Population.tmdl", "dataType: int64", "dataType: integer");
        Replace(files, "relationships.tmdl", "toColumn: Services.ServiceKey", "toColumn: Services.Key");

        var problems = Checker.Check(Bytes(files));

        Assert.Contains("tables/Dates.tmdl:3: indented with spaces; TMDL indents with one tab per level", problems);
        Assert.Contains("tables/Services.tmdl:5: 'summariseBy' is not a property of Column", problems);
        Assert.Contains("tables/AgeBands.tmdl:6: a measure cannot stand under a column", problems);
        Assert.Contains("tables/Population.tmdl:3: dataType: 'integer' is not a DataType value", problems);
        Assert.Contains("relationships.tmdl:1: toColumn Services.Key: no such column", problems);
        // With Dates unreadable, the two relationships to it have no column to end at.
        Assert.Equal(5 + 2, problems.Count);
    }

    /// <summary>Changes the first occurrence only, so that each fault is on one known line.</summary>
    private static void Replace(Dictionary<string, string> files, string path, string text, string by)
    {
        var at = files[path].IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{text} not in {path}");
        files[path] = files[path][..at] + by + files[path][(at + text.Length)..];
    }

    [Fact]
    public void FilesMustBeUtf8WithoutAByteOrderMarkAndOneKindOfLineEnding()
    {
        var files = Bytes(TmdlSamples.Model());
        files["database.tmdl"] = [0xEF, 0xBB, 0xBF, .. files["database.tmdl"]];
        files["model.tmdl"] = Encoding.UTF8.GetBytes(TmdlSamples.Model()["model.tmdl"].Replace("\tculture: en-GB\n", "\tculture: en-GB\r\n", StringComparison.Ordinal));

        var problems = Checker.Check(files);

        Assert.Contains("database.tmdl:1: starts with a UTF-8 byte-order mark; TMDL files are UTF-8 without one", problems);
        Assert.Contains(problems, p => p.StartsWith("model.tmdl:2: mixes line endings (1 CRLF", StringComparison.Ordinal));
    }
}
