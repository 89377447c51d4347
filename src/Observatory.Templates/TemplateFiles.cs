using System.Text.Json.Nodes;
using Microsoft.OData.Edm;
using Observatory.Dashboards.Definitions;
using Observatory.Indicators.Catalogue;
using Observatory.Templates.Excel;
using Observatory.Templates.Model;
using Observatory.Templates.Report;
using Observatory.Templates.Tmdl;

namespace Observatory.Templates;

/// <summary>
/// Everything <c>powerbi-templates/</c> holds but its README, generated from the feed's model, the indicator
/// catalogue, the dashboards and the reference data: the Power BI project (Observatory.pbip, the semantic model's
/// TMDL, the report's PBIR pages), the Excel connections with their M, and the data dictionary. The same inputs give
/// the same bytes, so the committed folder can be checked against what this would write.
/// </summary>
public static class TemplateFiles
{
    public const string ProjectName = "Observatory";
    public const string SemanticModelFolder = ProjectName + ".SemanticModel";
    public const string ReportFolder = ProjectName + ".Report";

    /// <summary>Files written by hand in the folder, which generation leaves alone.</summary>
    public static readonly IReadOnlyList<string> HandWritten = ["README.md"];

    /// <returns>Each file's path (relative, with '/') and its text.</returns>
    public static IReadOnlyList<(string Path, string Text)> Generate(IEdmModel edm, IndicatorCatalogue catalogue, DashboardCatalogue dashboards, Warehouse.Reference.ReferenceData reference)
    {
        var model = TemplateModel.Build(edm, catalogue, reference);
        var files = new List<(string, string)>
        {
            ($"{ProjectName}.pbip", Pbir.Write(new JsonObject
            {
                ["$schema"] = Pbir.Schema("pbip/pbipProperties/1.0.0/schema.json"),
                ["version"] = "1.0",
                ["artifacts"] = new JsonArray(new JsonObject { ["report"] = new JsonObject { ["path"] = ReportFolder } }),
                ["settings"] = new JsonObject { ["enableAutoRecovery"] = true },
            })),
            ($"{SemanticModelFolder}/definition.pbism", Pbir.Write(new JsonObject
            {
                ["$schema"] = Pbir.Schema("item/semanticModel/definitionProperties/1.0.0/schema.json"),
                ["version"] = "4.2",
                ["settings"] = new JsonObject(),
            })),
            ($"{SemanticModelFolder}/.platform", Platform("SemanticModel")),
            ($"{ReportFolder}/definition.pbir", Pbir.Write(new JsonObject
            {
                ["$schema"] = Pbir.Schema("item/report/definitionProperties/2.0.0/schema.json"),
                ["version"] = "4.0",
                ["datasetReference"] = new JsonObject { ["byPath"] = new JsonObject { ["path"] = $"../{SemanticModelFolder}" } },
            })),
            ($"{ReportFolder}/.platform", Platform("Report")),
            ("data-dictionary.md", FieldGlossary.Write(edm, model)),
        };
        files.AddRange(SemanticModelFiles.Write(model).Select(f => ($"{SemanticModelFolder}/definition/{f.Path}", f.Text)));
        files.AddRange(new ReportFiles(dashboards, catalogue, model, new ReportFields(edm)).Write().Select(f => ($"{ReportFolder}/{f.Path}", f.Text)));
        foreach (var query in ExcelQueries.For(model, edm))
        {
            files.Add(($"excel/{query.File}.pq", query.Text));
            files.Add(($"excel/{query.File}.odc", OdcFile.Write(query)));
        }

        return files;
    }

    /// <summary>Writes the files into a folder, removing files a previous generation wrote that are no longer generated.</summary>
    /// <returns>How many files were written, changed and removed.</returns>
    public static (int Written, int Changed, int Removed) Write(string folder, IReadOnlyList<(string Path, string Text)> files)
    {
        var root = Path.GetFullPath(folder);
        if (File.Exists(root))
        {
            throw new TemplateException($"{folder} is a file: give a folder to write the templates into.");
        }

        // Only a folder this wrote before is tidied: anything else that is not empty is left alone and refused.
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any(e => !HandWritten.Contains(Path.GetFileName(e)))
            && !File.Exists(Path.Combine(root, $"{ProjectName}.pbip")))
        {
            throw new TemplateException($"{folder} holds other files and no {ProjectName}.pbip: write the templates into an empty folder, or one 'observatory templates' wrote.");
        }

        var wanted = files.ToDictionary(f => Path.GetFullPath(Path.Combine(root, f.Path)), f => f.Text);
        var removed = 0;
        if (Directory.Exists(root))
        {
            var generatedFolders = files.Select(f => f.Path.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => !wanted.ContainsKey(f) && generatedFolders.Contains(Path.GetRelativePath(root, f).Replace('\\', '/').Split('/')[0])
                            && !HandWritten.Contains(Path.GetRelativePath(root, f).Replace('\\', '/'))))
            {
                File.Delete(stale);
                removed++;
            }

            foreach (var empty in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length)
                .Where(d => !Directory.EnumerateFileSystemEntries(d).Any()))
            {
                Directory.Delete(empty);
            }
        }

        var changed = 0;
        foreach (var (path, text) in wanted)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = Utf8.GetBytes(text);
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                File.WriteAllBytes(path, bytes);
                changed++;
            }
        }

        return (wanted.Count, changed, removed);
    }

    /// <summary>UTF-8 without a byte order mark, as Power BI Desktop writes a project.</summary>
    public static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Fabric's git integration file: the item's type and name, and an id that stays the same.
    private static string Platform(string type) => Pbir.Write(new JsonObject
    {
        ["$schema"] = Pbir.Schema("gitIntegration/platformProperties/2.0.0/schema.json"),
        ["metadata"] = new JsonObject { ["type"] = type, ["displayName"] = ProjectName },
        ["config"] = new JsonObject { ["version"] = "2.0", ["logicalId"] = Identity.Of("item/" + type) },
    });
}
