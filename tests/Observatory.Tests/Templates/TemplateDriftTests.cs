using Observatory.Dashboards.Definitions;
using Observatory.Indicators.Catalogue;
using Observatory.Query.Model;
using Observatory.Templates;
using TemplateFiles = Observatory.Templates.TemplateFiles;
using Observatory.Tests.Feed;
using Observatory.Tests.Support;
using Observatory.Warehouse.Reference;

namespace Observatory.Tests.Templates;

/// <summary>The committed powerbi-templates folder is exactly what 'observatory templates' writes from the model, catalogue and dashboards.</summary>
public class TemplateDriftTests
{
    public static readonly string Folder = CommittedTemplates.Root;

    public static IReadOnlyList<(string Path, string Text)> Generate()
    {
        var catalogue = IndicatorCatalogue.Load();
        return TemplateFiles.Generate(WarehouseEdm.Instance, catalogue, DashboardCatalogue.Load(catalogue), ReferenceData.Load());
    }

    [Fact]
    public void CommittedTemplatesAreWhatTheGeneratorWrites()
    {
        var differences = TemplateDrift.Find(Folder, Generate());

        Assert.True(differences.Count == 0,
            "powerbi-templates has drifted from what 'observatory templates' writes (run it and commit the result):\n" + string.Join("\n", differences));
    }

    [Fact]
    public void GenerationGivesTheSameFilesEveryTime()
    {
        Assert.Equal(Generate(), Generate());
    }

    [Fact]
    public void EveryFileIsUtf8WithoutAByteOrderMarkAndLineFeedsOnly()
    {
        foreach (var (path, text) in Generate())
        {
            var bytes = TemplateFiles.Utf8.GetBytes(text);
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], $"{path} starts with a byte order mark.");
            Assert.DoesNotContain('\r', text);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AChangedMissingOrLeftOverFileIsReportedWithWhereItDiffers()
    {
        var folder = Directory.CreateTempSubdirectory("templates-").FullName;
        try
        {
            var files = Generate();
            TemplateFiles.Write(folder, files);
            Assert.Empty(TemplateDrift.Find(folder, files));

            var model = Path.Combine(folder, "Observatory.SemanticModel", "definition", "model.tmdl");
            var lines = File.ReadAllLines(model);
            lines[2] = lines[2] + " ";
            File.WriteAllLines(model, lines);
            File.Delete(Path.Combine(folder, "excel", "referrals.odc"));
            File.WriteAllText(Path.Combine(folder, "excel", "by-hand.pq"), "let in");

            Assert.Equal(
                ["differs: Observatory.SemanticModel/definition/model.tmdl at line 3", "missing: excel/referrals.odc", "not generated: excel/by-hand.pq"],
                TemplateDrift.Find(folder, files).Order(StringComparer.Ordinal));

            // Writing again mends all three and leaves the hand-written README alone.
            File.WriteAllText(Path.Combine(folder, "README.md"), "notes");
            var (_, changed, removed) = TemplateFiles.Write(folder, files);
            Assert.Equal((2, 1), (changed, removed));
            Assert.Empty(TemplateDrift.Find(folder, files));
            Assert.Equal("notes", File.ReadAllText(Path.Combine(folder, "README.md")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheCommandWritesTheFolderAndChecksIt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "templates-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = await ProcessRunner.RunAsync("observatory.dll", ["templates", "--out", folder]);
            Assert.Equal(0, written.ExitCode);
            Assert.Contains($"{Generate().Count} files", written.All, StringComparison.Ordinal);
            Assert.Equal(0, (await ProcessRunner.RunAsync("observatory.dll", ["templates", "--out", folder, "--check"])).ExitCode);

            File.AppendAllText(Path.Combine(folder, "Observatory.pbip"), " ");
            var check = await ProcessRunner.RunAsync("observatory.dll", ["templates", "--out", folder, "--check"]);
            Assert.Equal(1, check.ExitCode);
            Assert.Contains("differs: Observatory.pbip", check.All, StringComparison.Ordinal);
            Assert.Contains("run it and commit the result", check.All, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task TheCommandRefusesAFileAndAFolderOfOtherFilesAndTouchesNeither()
    {
        var folder = Directory.CreateTempSubdirectory("not-templates-").FullName;
        try
        {
            var notes = Path.Combine(folder, "notes.txt");
            File.WriteAllText(notes, "mine");

            var intoFolder = await ProcessRunner.RunAsync("observatory.dll", ["templates", "--out", folder]);
            var intoFile = await ProcessRunner.RunAsync("observatory.dll", ["templates", "--out", notes]);

            Assert.Equal(1, intoFolder.ExitCode);
            Assert.Contains("holds other files and no Observatory.pbip", intoFolder.All, StringComparison.Ordinal);
            Assert.Equal(1, intoFile.ExitCode);
            Assert.Contains("is a file", intoFile.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", intoFolder.All + intoFile.All, StringComparison.Ordinal);
            Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
            Assert.Equal("mine", File.ReadAllText(notes));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
